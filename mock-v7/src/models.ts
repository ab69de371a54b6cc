import mongoose, { Schema, type Connection, type Model } from 'mongoose';

/**
 * V7's own database (default `mockv7` on the MongoDB-wire server). Every decision that must
 * happen once is a unique insert keyed by its natural id, because FerretDB 1.24 applies
 * concurrent updates last-writer-wins: a nonce, an idempotency key, a pre-credit per BFF
 * application, a file version, a signing per application, a webhook event.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export interface NonceDoc {
  _id: string; // appId:nonce
  createdAt: Date;
}

export interface IdempotencyDoc {
  _id: string; // appId:key
  fingerprint: string;
  state: 'processing' | 'done';
  startedAt: Date;
  status?: number;
  response?: string; // the JSON answer, replayed verbatim
}

export interface FileVersionDoc {
  _id: string; // fileId:version
  fileId: string;
  version: number;
  v7FileNo: string;
  payload: Record<string, unknown>;
  payloadHash: string;
  receivedAt: Date;
}

export interface PreCreditDoc {
  _id: string; // the BFF application id
  v7ApplicationNo: string;
  fileId: string;
  limit: number;
  payload: Record<string, unknown>;
  payloadHash: string;
  receivedAt: Date;
}

export interface ContractDoc {
  _id: string; // application id: one signing each
  contractNo: string;
  signedLimit: number;
  signedAt: Date;
}

export interface DrawdownDoc {
  _id: string;
  applicationId: string;
  loanNo: string;
  amount: number;
  drawnAt: Date;
}

export interface CheckOverrideDoc {
  _id: string; // ID number
  riskWarning: 'none' | 'low' | 'medium' | 'high' | null;
  judicial: { dishonestDebtor: boolean; enforcement: boolean; frozenAssets: boolean } | null;
  updatedAt: Date;
}

export interface WebhookDeliveryDoc {
  _id: string; // event id
  type: string;
  applicationId: string;
  url: string;
  body: string; // exact JSON sent on every attempt
  state: 'pending' | 'delivered';
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface V7Models {
  Nonce: Model<NonceDoc>;
  Idempotency: Model<IdempotencyDoc>;
  FileVersion: Model<FileVersionDoc>;
  PreCredit: Model<PreCreditDoc>;
  Contract: Model<ContractDoc>;
  Drawdown: Model<DrawdownDoc>;
  CheckOverride: Model<CheckOverrideDoc>;
  WebhookDelivery: Model<WebhookDeliveryDoc>;
}

const opts = { versionKey: false } as const;

export function createV7Models(conn: Connection): V7Models {
  const nonce = new Schema<NonceDoc>({ _id: String, createdAt: { type: Date, required: true } }, opts);
  const idem = new Schema<IdempotencyDoc>(
    {
      _id: String,
      fingerprint: { type: String, required: true },
      state: { type: String, required: true },
      startedAt: { type: Date, required: true },
      status: Number,
      response: String,
    },
    opts,
  );
  const file = new Schema<FileVersionDoc>(
    {
      _id: String,
      fileId: { type: String, required: true, index: true },
      version: { type: Number, required: true },
      v7FileNo: { type: String, required: true },
      payload: { type: Schema.Types.Mixed, required: true },
      payloadHash: { type: String, required: true },
      receivedAt: { type: Date, required: true },
    },
    opts,
  );
  const preCredit = new Schema<PreCreditDoc>(
    {
      _id: String,
      v7ApplicationNo: { type: String, required: true },
      fileId: { type: String, required: true },
      limit: { type: Number, required: true },
      payload: { type: Schema.Types.Mixed, required: true },
      payloadHash: { type: String, required: true },
      receivedAt: { type: Date, required: true },
    },
    opts,
  );
  const contract = new Schema<ContractDoc>(
    {
      _id: String,
      contractNo: { type: String, required: true },
      signedLimit: { type: Number, required: true },
      signedAt: { type: Date, required: true },
    },
    opts,
  );
  const drawdown = new Schema<DrawdownDoc>(
    {
      _id: String,
      applicationId: { type: String, required: true, index: true },
      loanNo: { type: String, required: true },
      amount: { type: Number, required: true },
      drawnAt: { type: Date, required: true },
    },
    opts,
  );
  const override = new Schema<CheckOverrideDoc>(
    { _id: String, riskWarning: { type: String, default: null }, judicial: { type: Schema.Types.Mixed, default: null }, updatedAt: Date },
    opts,
  );
  const delivery = new Schema<WebhookDeliveryDoc>(
    {
      _id: String,
      type: { type: String, required: true },
      applicationId: { type: String, required: true },
      url: { type: String, required: true },
      body: { type: String, required: true },
      state: { type: String, required: true },
      attempts: { type: Number, required: true },
      nextAttemptAt: { type: Date, required: true },
      lastStatus: { type: Number, default: null },
      lastError: { type: String, default: null },
      createdAt: { type: Date, required: true },
      deliveredAt: { type: Date, default: null },
    },
    opts,
  );
  return {
    Nonce: conn.model('Nonce', nonce, 'nonces'),
    Idempotency: conn.model('Idempotency', idem, 'idempotency_keys'),
    FileVersion: conn.model('FileVersion', file, 'file_versions'),
    PreCredit: conn.model('PreCredit', preCredit, 'precredits'),
    Contract: conn.model('Contract', contract, 'contracts'),
    Drawdown: conn.model('Drawdown', drawdown, 'drawdowns'),
    CheckOverride: conn.model('CheckOverride', override, 'check_overrides'),
    WebhookDelivery: conn.model('WebhookDelivery', delivery, 'webhook_deliveries'),
  };
}

export async function connectV7Database(uri: string): Promise<{ conn: Connection; models: V7Models }> {
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000, retryWrites: false, autoIndex: true });
  await conn.asPromise();
  const models = createV7Models(conn);
  await Promise.all(Object.values(models).map((m: Model<unknown>) => m.init()));
  return { conn, models };
}
