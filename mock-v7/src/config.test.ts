import { loadMockV7Config, withDatabase } from './config';

describe('mock-v7 configuration', () => {
  it('uses its own database on the BFF database server by default', () => {
    expect(loadMockV7Config({}).mongodbUri).toBe('mongodb://127.0.0.1:27017/mockv7');
    expect(loadMockV7Config({ MONGODB_URI: 'mongodb://db:27017/sunshine?tls=false', MOCK_V7_DB: 'v7demo' }).mongodbUri).toBe(
      'mongodb://db:27017/v7demo?tls=false',
    );
    expect(withDatabase('mongodb://a:1,b:2/x?replicaSet=r', 'mockv7')).toBe('mongodb://a:1,b:2/mockv7?replicaSet=r');
  });

  it('refuses the development secrets in production', () => {
    expect(() => loadMockV7Config({ NODE_ENV: 'production' })).toThrow(/must be set in production/);
    expect(
      loadMockV7Config({ NODE_ENV: 'production', V7_APP_SECRET: 'a-real-secret-0123456789', V7_WEBHOOK_SECRET: 'another-real-secret-0123' })
        .appSecret,
    ).toBe('a-real-secret-0123456789');
  });

  it('names a bad variable', () => {
    expect(() => loadMockV7Config({ MOCK_V7_PORT: 'eighty' })).toThrow(/MOCK_V7_PORT/);
  });
});
