import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Binds a WeChat openid to a staff account. A separate collection (keyed by openid) instead
 * of a sparse unique field on User, because FerretDB 1.x has no partial indexes.
 */
export const wechatBindingSchema = new Schema(
  {
    _id: { type: String, required: true }, // openid
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    unionId: { type: String, default: null },
  },
  { timestamps: true },
);

export type WechatBindingDoc = InferSchemaType<typeof wechatBindingSchema>;
