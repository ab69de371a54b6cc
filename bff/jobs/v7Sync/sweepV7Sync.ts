import mongoose from 'mongoose';
import type { Models } from '../../models';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { V7SyncQueue } from './syncQueue';

/**
 * The database is the truth of the V7 sync; Redis only delivers. Every application whose
 * outbox is pending and due (a new approval, a retry whose delayed job was lost to a Redis
 * flush, an attempt left in flight by a killed process) gets its next attempt enqueued.
 * Re-adding a job that is still live is a no-op (ids are per attempt), and an attempt in
 * flight is protected by its claim, so sweeping often is safe.
 *
 * On FerretDB 1.24 this filter scans the applications collection (no index use); it reads
 * only ids and attempt counts, and applications are few next to households.
 */
export async function sweepV7Sync(models: Models, queue: V7SyncQueue, now = new Date(), limit = 1000): Promise<{ due: number }> {
  const due = await models.CreditApplication.find(
    { 'sync.state': 'pending', 'sync.nextAttemptAt': mongoose.trusted({ $lte: now }) },
    { _id: 1, 'sync.attempts': 1 },
  )
    .limit(limit)
    .lean<Array<Pick<CreditApplicationDoc, '_id' | 'sync'>>>();
  for (const app of due) await queue.enqueue(String(app._id), (app.sync?.attempts ?? 0) + 1);
  return { due: due.length };
}
