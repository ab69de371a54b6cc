import { createMockWechat } from './app';

const port = Number(process.env.MOCK_WECHAT_PORT ?? 8091);
const app = createMockWechat({
  appId: process.env.WECHAT_APPID ?? 'wx-demo-appid',
  secret: process.env.WECHAT_SECRET ?? 'demo-app-secret',
  smsApiKey: process.env.SMS_API_KEY ?? 'demo-sms-key',
});
const server = app.listen(port, '127.0.0.1', () => console.log(`mock-wechat listening on http://127.0.0.1:${port}`));
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
