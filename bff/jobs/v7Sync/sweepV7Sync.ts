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
 * An application overdue by more than a lease whose regular job is "active" gets a rescue
 * job with an id of its own (at most one per lease period): after a SIGKILL that job can sit
 * under the dead worker's lock, where re-adding its id is a no-op. Only an active job is
 * rescued: an application is also overdue when its job is merely waiting behind a backlog
 * (hundreds approved at once, the end of a V7 outage), and rescuing those too added a job
 * per application per lease period, faster than the workers drained them (chaos.test.ts,
 * 300 applications at 30 % errors with a 2 s lease: 14,000 queued jobs and 8 minutes, against
 * about 250 jobs and 31 s without them).
 *
 * On FerretDB 1.24 this filter scans the applications collection (no index use); it reads
 * only ids and attempt counts, and applications are few next to households.
 */
export async function sweepV7Sync(
  models: Models,
  queue: V7SyncQueue,
  opts: { leaseMs: number },
  now = new Date(),
  limit = 1000,
): Promise<{ due: number; rescued: number }> {
  const due = await models.CreditApplication.find(
    { 'sync.state': 'pending', 'sync.nextAttemptAt': mongoose.trusted({ $lte: now }) },
    { _id: 1, 'sync.attempts': 1, 'sync.nextAttemptAt': 1 },
  )
    .limit(limit)
    .lean<Array<Pick<CreditApplicationDoc, '_id' | 'sync'>>>();
  let rescued = 0;
  for (const app of due) {
    const attempt = (app.sync?.attempts ?? 0) + 1;
    const overdueMs = now.getTime() - (app.sync?.nextAttemptAt?.getTime() ?? now.getTime());
    // Overdue by more than a lease and still active: it may be stuck under a dead worker's lock.
    if (overdueMs > opts.leaseMs && (await queue.jobState(String(app._id), attempt)) === 'active') {
      await queue.enqueue(String(app._id), attempt, 0, Math.floor(now.getTime() / opts.leaseMs));
      rescued++;
    } else await queue.enqueue(String(app._id), attempt);
  }
  return { due: due.length, rescued };
}
