/**
 * The baseline: a bare Koa hello-world, nothing else (no middleware, no auth, no I/O).
 *   PORT=18111 npx tsx bench/portrait/helloServer.ts
 */
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { hello: 'world' };
});
const port = Number(process.env.PORT ?? 18111);
app.listen(port, '127.0.0.1', () => console.log(`hello listening on ${port}`));
