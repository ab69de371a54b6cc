import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { createHousehold, updateHousehold, type CreateHouseholdBody, type UpdateHouseholdBody } from '../../services/householdFiles';
import { uploadPhoto } from '../../services/photos';
import { createVisit } from '../../services/visits';
import type { CreateVisit } from '@sunshine/shared';
import { platformFileVault } from './fileVault';
import { Outbox, type FlushReport } from './outbox';
import { platformSecureStore } from './secureStore';
import { getSession } from '../session';
import type { OutboxEntry } from './types';

export { Outbox, backoffMs, OUTBOX_KEY } from './outbox';
export { SecureStoreUnavailableError } from './secureStore';
export { newClientId } from './clientId';
export type { NewOutboxEntry, OutboxEntry, OutboxError, SubmitOutcome } from './types';

const store = platformSecureStore();

/** The app's one outbox, on this platform's encrypted storage. */
export const outbox = new Outbox({
  store,
  vault: platformFileVault(store),
  api: {
    createHousehold: (body) => createHousehold(body as unknown as CreateHouseholdBody),
    updateHousehold: (id, body) => updateHousehold(id, body as unknown as UpdateHouseholdBody),
    createVisit: (body) => createVisit(body as unknown as CreateVisit),
    uploadPhoto,
  },
});

let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(report: FlushReport): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (report.retryAt === undefined) return;
  timer = setTimeout(() => void syncNow(false), Math.max(1_000, report.retryAt - Date.now()));
}

/**
 * Only a manager's session may send the queue: captures are a manager's, and under any other
 * session (a customer signing in on the same phone, or none) the BFF would refuse them with
 * 401/403, marking them failed or sending the app to the login page at launch.
 */
function canSend(): boolean {
  return getSession()?.user.role === 'manager';
}

/** Send what is queued now; `force` skips the backoff (立即同步, network back). */
export async function syncNow(force = true): Promise<FlushReport> {
  if (!canSend()) return { sent: [], failed: [] };
  const report = await outbox.flush(force);
  schedule(report);
  return report;
}

/**
 * Start sending queued captures whenever there is a chance they get through: now, when the
 * network comes back, when the app returns to the foreground, and on the backoff timer.
 * The app calls it at launch, so a capture queued offline goes out when the network returns
 * even if no capture page is ever opened again. The capture pages and the household list call
 * it too: the listeners are registered once, but every call tries now, since the launch may
 * have come before the manager signed in.
 */
export function startOutboxSync(): void {
  const kick = () => void syncNow(true).catch(() => undefined);
  if (!started) {
    started = true;
    Taro.onNetworkStatusChange?.((res) => {
      if (res.isConnected) kick();
    });
    if (process.env.TARO_ENV === 'weapp') Taro.onAppShow?.(kick);
    else if (typeof window !== 'undefined') {
      window.addEventListener('online', kick);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && kick());
    }
  }
  kick();
}

/** The queued entries, live, for badges and the outbox page. */
export function useOutboxEntries(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let alive = true;
    const off = outbox.subscribe((e) => alive && setEntries(e));
    outbox
      .entries()
      .then((e) => alive && setEntries(e))
      .catch(() => undefined);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return entries;
}
