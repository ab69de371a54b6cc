import { createMockV7 } from './app';

const port = Number(process.env.MOCK_V7_PORT ?? 8090);
const server = createMockV7().listen(port, '127.0.0.1', () => console.log(`mock-v7 listening on http://127.0.0.1:${port}`));
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
