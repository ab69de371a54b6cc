import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One saved edit of a household file: the fields it set and who saved it. The `_id`
 * (`<householdId>:<version>`) is the lock: FerretDB 1.x applies concurrent updates as
 * last-writer-wins read-modify-writes (a `{_id, version}` filter does not make an update
 * conditional there, measured in docs/mongodb-subset.md), but a duplicate primary key is
 * always refused. So an editor first inserts the revision for version n+1 — exactly one
 * concurrent editor can — and only the winner applies it. The rows are also the file's
 * change history.
 */
export const householdRevisionSchema = new Schema({
  _id: { type: String, required: true },
  householdId: { type: Schema.Types.ObjectId, required: true, index: true },
  version: { type: Number, required: true },
  fields: { type: Schema.Types.Mixed, required: true },
  userId: { type: String, required: true },
  /** The edit's client id: a replay of the same edit recognises its revision (null before it existed). */
  clientId: { type: String, default: null },
  at: { type: Date, required: true },
});

export type HouseholdRevisionDoc = InferSchemaType<typeof householdRevisionSchema>;
