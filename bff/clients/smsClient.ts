/**
 * The SMS gateway's HTTP API (in development and tests: the simulator in mock-wechat,
 * `POST /sms/send`). The message text holds a one-time code, so nothing here logs the request
 * or the response body, and errors carry only the HTTP status.
 */
export class SmsGatewayError extends Error {}

export interface SmsClient {
  send(phone: string, text: string): Promise<void>;
}

export function createSmsClient(opts: { apiBase: string; apiKey: string; timeoutMs?: number }): SmsClient {
  return {
    async send(phone, text) {
      let res: Response;
      try {
        res = await fetch(new URL('/sms/send', opts.apiBase), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${opts.apiKey}` },
          body: JSON.stringify({ phone, text, signName: '泰兴农商行' }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        });
      } catch {
        throw new SmsGatewayError('sms gateway unreachable');
      }
      if (!res.ok) throw new SmsGatewayError(`sms gateway HTTP ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean };
      if (body.ok !== true) throw new SmsGatewayError('sms gateway refused the message');
    },
  };
}
