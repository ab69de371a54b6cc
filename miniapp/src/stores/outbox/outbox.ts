import { ApiError } from '../../services/request';
import type { FileVault } from './fileVault';
import { SecureStoreUnavailableError, type SecureStore } from './secureStore';
import type { NewOutboxEntry, OutboxEntry, OutboxError, OutboxPhoto, SubmitOutcome } from './types';

/**
 * The offline-first queue of captures (household files, edits, visits).
 *
 * Every capture is written here, encrypted, BEFORE it is sent, so a crash or a dead network
 * loses nothing. Entries go out one at a time in capture order; a network or server failure
 * stops the run and backs off (later entries wait, keeping the order), while an answer about
 * the content (400/403/404/409/422) marks only that entry failed and the run moves on. Failed
 * entries stay until the user discards them. The client id fixed at capture makes every
 * resend harmless: the BFF answers a repeat with the record it already has.
 */
export interface OutboxApi {
  createHousehold(body: Record<string, unknown>): Promise<unknown>;
  updateHousehold(id: string, body: Record<string, unknown>): Promise<unknown>;
  createVisit(body: Record<string, unknown>): Promise<unknown>;
  uploadPhoto(input: { clientId: string; householdId: string; takenAt: string; filePath: string }): Promise<{ id: string }>;
}

export interface OutboxDeps {
  store: SecureStore;
  vault: FileVault;
  api: OutboxApi;
  now?: () => number;
}

export const OUTBOX_KEY = 'sunshine.outbox.v1';
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface FlushReport {
  sent: string[];
  failed: string[];
  /** Set when a retryable failure stopped the run: when to try again (epoch ms). */
  retryAt?: number;
}

type Listener = (entries: OutboxEntry[]) => void;

function toOutboxError(err: unknown): OutboxError {
  if (err instanceof ApiError) {
    return { status: err.status, id: err.id, message: err.userMessage, field: err.field, details: err.details };
  }
  // A local failure (vault file missing, storage error): not the server's answer, try again later.
  return { status: 0, id: 'client.local', message: '本地处理失败,稍后自动重试' };
}

const isRetryable = (err: unknown) => !(err instanceof ApiError) || err.retryable;

export class Outbox {
  private readonly deps: Required<OutboxDeps>;
  private cache: OutboxEntry[] | null = null;
  /** One operation at a time: a double tap and a network event must not send the same entry twice. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  constructor(deps: OutboxDeps) {
    this.deps = { ...deps, now: deps.now ?? (() => Date.now()) };
  }

  /** False when nothing can be kept offline (no encryption on this device). */
  available(): Promise<boolean> {
    return this.deps.store.available();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  entries(): Promise<OutboxEntry[]> {
    return this.exclusive(async () => [...(await this.load())]);
  }

  /**
   * Keep a capture (encrypted) and try to send the queue now. A repeat of a client id already
   * queued is the same capture (double tap): it is not queued twice.
   */
  submit(capture: NewOutboxEntry): Promise<SubmitOutcome> {
    return this.exclusive(async () => {
      await this.add(capture);
      await this.run(true);
      const entry = (await this.load()).find((e) => e.clientId === capture.clientId);
      if (!entry) return { status: 'sent', result: this.results.get(capture.clientId) ?? null };
      const error = entry.lastError ?? { status: 0, id: 'client.network', message: '网络连接失败,已保存待同步' };
      return entry.state === 'failed' ? { status: 'rejected', error } : { status: 'queued', error };
    });
  }

  /** Send what is due (`force`: ignore the backoff, for 立即同步 and reconnects). */
  flush(force = false): Promise<FlushReport> {
    return this.exclusive(() => this.run(force));
  }

  /** Remove an entry on the user's decision (a failed one, or a draft superseded by a new save). */
  discard(clientId: string): Promise<void> {
    return this.exclusive(async () => {
      const entries = await this.load();
      const entry = entries.find((e) => e.clientId === clientId);
      if (!entry) return;
      await this.save(entries.filter((e) => e !== entry));
      await this.dropPhotos(entry.photos);
    });
  }

  /** Results of entries sent in this session, for the page that submitted them. */
  private readonly results = new Map<string, unknown>();

  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<OutboxEntry[]> {
    if (this.cache) return this.cache;
    const raw = await this.deps.store.getText(OUTBOX_KEY);
    let parsed: unknown = [];
    try {
      parsed = raw ? JSON.parse(raw) : [];
    } catch {
      parsed = [];
    }
    this.cache = Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
    return this.cache;
  }

  private async save(entries: OutboxEntry[]): Promise<void> {
    await this.deps.store.setText(OUTBOX_KEY, JSON.stringify(entries));
    this.cache = entries;
    for (const l of this.listeners) l([...entries]);
  }

  private async add(capture: NewOutboxEntry): Promise<void> {
    if (!(await this.deps.store.available())) throw new SecureStoreUnavailableError();
    const entries = await this.load();
    // Queued already, or sent already in this session: the same capture, not a new one.
    if (this.results.has(capture.clientId) || entries.some((e) => e.clientId === capture.clientId)) return;
    const photos: OutboxPhoto[] = [];
    for (const p of capture.photos ?? []) {
      photos.push({ clientId: p.clientId, takenAt: p.takenAt, fileRef: await this.deps.vault.keep(p.tempPath, p.clientId) });
    }
    const entry: OutboxEntry = {
      clientId: capture.clientId,
      kind: capture.kind,
      title: capture.title,
      createdAt: new Date(this.deps.now()).toISOString(),
      body: capture.body,
      householdId: capture.householdId,
      photos,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
    };
    await this.save([...entries, entry]);
  }

  private async run(force: boolean): Promise<FlushReport> {
    const report: FlushReport = { sent: [], failed: [] };
    for (;;) {
      const entries = await this.load();
      const next = entries.find((e) => e.state === 'pending');
      if (!next) return report;
      if (!force && next.nextAttemptAt > this.deps.now()) {
        report.retryAt = next.nextAttemptAt;
        return report;
      }
      try {
        const result = await this.send(next);
        this.results.set(next.clientId, result);
        await this.save((await this.load()).filter((e) => e.clientId !== next.clientId));
        await this.dropPhotos(next.photos);
        report.sent.push(next.clientId);
      } catch (err) {
        const attempts = next.attempts + 1;
        const updated: OutboxEntry = { ...next, attempts, lastError: toOutboxError(err) };
        if (isRetryable(err)) {
          updated.nextAttemptAt = this.deps.now() + backoffMs(attempts);
          await this.replace(updated);
          report.retryAt = updated.nextAttemptAt;
          return report;
        }
        updated.state = 'failed';
        await this.replace(updated);
        report.failed.push(next.clientId);
      }
    }
  }

  private async replace(entry: OutboxEntry): Promise<void> {
    await this.save((await this.load()).map((e) => (e.clientId === entry.clientId ? entry : e)));
  }

  private async send(entry: OutboxEntry): Promise<unknown> {
    const { api } = this.deps;
    switch (entry.kind) {
      case 'household.create':
        return api.createHousehold(entry.body);
      case 'household.update':
        // The edit's client id makes a replay the same edit on the server (one revision, no
        // 409 against itself); entries queued before the body carried it get the entry's own.
        return api.updateHousehold(entry.householdId!, { ...entry.body, clientId: entry.body.clientId ?? entry.clientId });
      case 'visit': {
        const photoIds: string[] = [];
        for (const photo of entry.photos) {
          if (!photo.photoId) {
            const file = await this.deps.vault.open(photo.fileRef);
            try {
              const uploaded = await api.uploadPhoto({
                clientId: photo.clientId,
                householdId: entry.householdId!,
                takenAt: photo.takenAt,
                filePath: file.path,
              });
              photo.photoId = uploaded.id;
            } finally {
              file.release();
            }
            // Remember the upload at once: a crash before the visit goes out won't upload it again.
            await this.replace(entry);
          }
          photoIds.push(photo.photoId);
        }
        return api.createVisit({ ...entry.body, photoIds });
      }
    }
  }

  private async dropPhotos(photos: OutboxPhoto[]): Promise<void> {
    for (const p of photos) await this.deps.vault.drop(p.fileRef).catch(() => undefined);
  }
}
