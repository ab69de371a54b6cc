import { createHash, createHmac } from 'node:crypto';
import { isV7TimestampFresh, signV7Request, v7BodyHash, v7StringToSign, verifyV7Signature } from './v7Signature';

const base = {
  secret: 'a-test-secret-of-some-length',
  appId: 'sunshine-bff',
  method: 'post',
  path: '/v7/api/precredits?x=1',
  body: '{"a":"额度"}',
};

describe('V7 request signature', () => {
  it('is HMAC-SHA256 over the documented string to sign, matching node:crypto', async () => {
    const headers = await signV7Request({ ...base, timestamp: 1764700000000, nonce: 'n-1' });
    const bodyHash = createHash('sha256').update(Buffer.from(base.body, 'utf8')).digest('hex');
    expect(await v7BodyHash(base.body)).toBe(bodyHash);
    const text = `POST\n/v7/api/precredits?x=1\nsunshine-bff\n1764700000000\nn-1\n${bodyHash}`;
    expect(v7StringToSign({ method: 'post', path: base.path, appId: base.appId, timestamp: '1764700000000', nonce: 'n-1', bodyHash })).toBe(
      text,
    );
    expect(headers).toEqual({
      'x-v7-app-id': 'sunshine-bff',
      'x-v7-timestamp': '1764700000000',
      'x-v7-nonce': 'n-1',
      'x-v7-signature': createHmac('sha256', base.secret).update(text).digest('base64'),
    });
  });

  it('verifies its own signature and refuses any changed part', async () => {
    const h = await signV7Request(base);
    const input = {
      ...base,
      appId: h['x-v7-app-id'],
      timestamp: h['x-v7-timestamp'],
      nonce: h['x-v7-nonce'],
      signature: h['x-v7-signature'],
    };
    expect(await verifyV7Signature(input)).toBe(true);
    expect(await verifyV7Signature({ ...input, body: Buffer.from(base.body) })).toBe(true);
    for (const change of [
      { body: '{"a":"额度 "}' },
      { path: '/v7/api/precredits' },
      { method: 'PUT' },
      { nonce: 'other' },
      { timestamp: '1' },
      { secret: 'another-secret-entirely' },
      { signature: 'AAAA' },
      { signature: '!!' },
    ]) {
      expect(await verifyV7Signature({ ...input, ...change })).toBe(false);
    }
  });

  it('judges timestamp freshness within the window, inclusive', () => {
    const now = 1764700000000;
    expect(isV7TimestampFresh(String(now - 300_000), now)).toBe(true);
    expect(isV7TimestampFresh(String(now + 300_001), now)).toBe(false);
    expect(isV7TimestampFresh('12abc', now)).toBe(false);
  });
});
