import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Idempotency for offline-first capture. The client generates an id (UUID) per file or
 * visit; the first submission claims it here (the _id is the claim, so a duplicate is
 * refused by the primary key) together with the id the created document will have. A retry
 * finds the claim, checks the payload is the same, and finishes or returns the same
 * document. A separate collection because FerretDB 1.x has no sparse/partial unique index.
 */
export const clientSubmissionSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${kind}:${clientId}`
    kind: { type: String, required: true },
    resultId: { type: Schema.Types.ObjectId, required: true },
    payloadHash: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { timestamps: true },
);

export type ClientSubmissionDoc = InferSchemaType<typeof clientSubmissionSchema>;
