import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One failed password attempt. Failures are inserted and counted rather than `$inc`-ed on
 * the user: FerretDB 1.x loses concurrent `$inc`s (100 parallel increments ended at 7 in
 * our measurement), and a brute-force counter that loses counts is no counter.
 */
export const loginFailureSchema = new Schema({
  userId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
loginFailureSchema.index({ userId: 1, at: 1 });

export type LoginFailureDoc = InferSchemaType<typeof loginFailureSchema>;
