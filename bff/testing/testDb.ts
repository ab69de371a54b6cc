import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../src/db';
import { createModels, type Models } from '../models';

/**
 * A fresh, uniquely named database on the real MongoDB-wire server (FerretDB locally) for
 * one test file. Call `drop()` in afterAll.
 */
export interface TestDatabase {
  uri: string;
  name: string;
  conn: Connection;
  models: Models;
  drop(): Promise<void>;
}

export function testMongoBaseUri(): string {
  return process.env.TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
}

export function uniqueDbName(label = 't'): string {
  return `test_${label.replace(/[^a-z0-9]/gi, '').slice(0, 12)}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export async function openTestDatabase(label?: string): Promise<TestDatabase> {
  const name = uniqueDbName(label);
  const uri = `${testMongoBaseUri()}/${name}`;
  const conn = await connectDatabase(uri);
  const models = createModels(conn);
  await Promise.all(Object.values(models).map((m) => m.init()));
  return {
    uri,
    name,
    conn,
    models,
    async drop() {
      await conn.dropDatabase();
      await conn.close();
    },
  };
}
