import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A manager's statistics, recomputed from the rows (visits, households, grids) by
 * bff/stats/statsRollup.ts rather than patched with $inc, which FerretDB 1.x applies
 * last-writer-wins. One document per manager, read by _id.
 */
export const managerStatsSchema = new Schema({
  _id: { type: String, required: true }, // manager id
  /** Visits per China-time day since the earlier of this week's and this month's start, summed per period at read time. */
  visitsByDay: { type: [new Schema({ day: String, count: Number }, { _id: false })], default: [] },
  householdsFiled: { type: Number, default: 0 },
  villages: {
    type: [new Schema({ code: String, households: Number, visitedHouseholds: Number }, { _id: false })],
    default: [],
  },
  computedAt: { type: Date, required: true },
});

export type ManagerStatsDoc = InferSchemaType<typeof managerStatsSchema>;
