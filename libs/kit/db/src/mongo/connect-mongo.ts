import type { Resource } from '@mosaic/kit-core';
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { redactUrl } from '@mosaic/kit-core';

export interface ConnectMongoOptions {
  /** The Resource's name in readiness reports; default "mongo". */
  name?: string;
  /** How long finding a server may take, at start-up and for each readiness ping; default 5,000 ms. */
  serverSelectionTimeoutMs?: number;
  /** Passed through to mongoose.createConnection. */
  mongoose?: ConnectOptions;
}

export interface MongoConnectionHandle {
  /** Models are registered on this connection (`connection.model(...)`), never on the mongoose global. */
  readonly connection: Connection;
  readonly resource: Resource;
}

/**
 * Opens a dedicated mongoose connection and waits until it is usable, so a wrong
 * MONGO_URL fails at start-up with the URL (password masked) in the message. Each
 * repository gets its own connection: no process-global mongoose state is shared.
 */
export async function connectMongo(url: string, options: ConnectMongoOptions = {}): Promise<MongoConnectionHandle> {
  const connection = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    ...options.mongoose,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw new Error(`cannot connect to MongoDB at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }

  let closed = false;
  const resource: Resource = {
    name: options.name ?? 'mongo',
    check: async () => {
      const db = connection.db;
      if (closed || !db) throw new Error('the MongoDB connection is closed');
      await db.command({ ping: 1 });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  };
  return { connection, resource };
}
