import { MongoBulkWriteError } from 'mongodb';
import type { Model } from 'mongoose';

/**
 * Group commit for inserts on a hot path: concurrent `insert` calls share one `insertMany`
 * round trip, so many documents cost one database transaction instead of one each.
 *
 * Why: FerretDB on PostgreSQL runs every insert command in its own transaction (one WAL
 * flush each). At 64 concurrent writers this machine did 732 `insertOne`/s but 2,606
 * documents/s as `insertMany` of 16 from 4 writers (bench/visit-submit/RESULTS.md). The same
 * holds, less dramatically, on MongoDB.
 *
 * No waiting is added: a document goes out at once while fewer than `maxInFlight` batches
 * are in flight; otherwise it joins the queue that leaves when a batch returns. Each caller
 * gets its own outcome: 'inserted', 'duplicate' (a unique key already taken: the caller's
 * idempotency claim collided), or its own error. With `ordered: false` one document's
 * failure does not stop the others (FerretDB retries such a batch document by document).
 */
export type InsertOutcome = 'inserted' | 'duplicate';

interface Pending {
  doc: Record<string, unknown>;
  resolve: (o: InsertOutcome) => void;
  reject: (err: unknown) => void;
}

export class InsertBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly model: Model<any>,
    private readonly maxInFlight = 4,
    private readonly maxBatch = 64,
  ) {}

  /**
   * Validates and casts `raw` through the model (defaults, timestamps, enums: what `create`
   * would do), then inserts it with others. Returns the stored shape (`toObject`) and the outcome.
   */
  async insert<T>(raw: Record<string, unknown>): Promise<{ doc: T; outcome: InsertOutcome }> {
    const doc = new this.model(raw);
    (doc as unknown as { initializeTimestamps?: () => void }).initializeTimestamps?.();
    await doc.validate();
    const stored = doc.toObject({ depopulate: true, virtuals: false, versionKey: true }) as Record<string, unknown>;
    const outcome = await new Promise<InsertOutcome>((resolve, reject) => {
      this.queue.push({ doc: stored, resolve, reject });
      this.pump();
    });
    return { doc: stored as T, outcome };
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      await this.model.collection.insertMany(
        batch.map((p) => p.doc),
        { ordered: false },
      );
      for (const p of batch) p.resolve('inserted');
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) {
        for (const p of batch) p.reject(err);
        return;
      }
      const failed = new Map<number, { code?: number }>();
      const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
      for (const we of writeErrors) failed.set(we.index, we);
      batch.forEach((p, i) => {
        const we = failed.get(i);
        if (!we) p.resolve('inserted');
        else if (we.code === 11000) p.resolve('duplicate');
        else p.reject(Object.assign(new Error(`insert failed: ${JSON.stringify(we)}`), { code: we.code }));
      });
    }
  }
}

const batchers = new WeakMap<object, InsertBatcher>();

/** The batcher of one model (one per model and connection, made on first use). */
export function insertBatcherFor(model: Model<any>): InsertBatcher {
  let b = batchers.get(model);
  if (!b) batchers.set(model, (b = new InsertBatcher(model)));
  return b;
}
