/**
 * A UUID v4 made on the phone at capture time: the idempotency key the BFF's unique index
 * holds, so a resend of the same capture can never create a second record.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (webCrypto?.getRandomValues) {
    webCrypto.getRandomValues(bytes);
  } else {
    // The weapp's JS engine has no synchronous CSPRNG. A key only has to be unique, not secret:
    // time plus Math.random over 122 bits is far from any collision at one phone's rate.
    const t = Date.now();
    for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) ^ ((t / 2 ** ((i % 6) * 8)) & 0xff);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
