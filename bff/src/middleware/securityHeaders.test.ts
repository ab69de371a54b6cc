import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import helmet from 'koa-helmet';
import { securityHeaders } from './securityHeaders';

const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } };

async function headersOf(app: Koa): Promise<Record<string, string>> {
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  const server = app.listen(0);
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!['date', 'connection', 'keep-alive'].includes(k)) out[k] = v;
    });
    return out;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('sets exactly the headers koa-helmet sets with the same options', async () => {
    const withHelmet = new Koa();
    withHelmet.use(helmet(options));
    const withRecorded = new Koa();
    withRecorded.use(securityHeaders(options) as Koa.Middleware);
    const expected = await headersOf(withHelmet);
    expect(expected['content-security-policy']).toContain("img-src 'self' data:");
    expect(await headersOf(withRecorded)).toEqual(expected);
  });
});
