import mongoose, { type Connection } from 'mongoose';

/**
 * Opens the MongoDB-wire connection (FerretDB 1.24 here, MongoDB in production).
 *
 * - sanitizeFilter: a client can never smuggle `$where`/`$ne` operators in through a filter value.
 * - strictQuery 'throw': a filter on a path the schema doesn't know is a bug, not an empty result.
 */
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export async function connectDatabase(uri: string): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    // FerretDB 1.x has no retryable writes (no sessions).
    retryWrites: false,
    autoIndex: true,
  });
  await conn.asPromise();
  return conn;
}
