import { redactUrl, withReplyTimeout, type Resource } from '@mosaic/kit-core';
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';
import { connectTimeout } from './connect-timeout';
import { guardPool } from './mysql-unavailable';
import { rememberSessionIsolation, type IsolationLevel } from './session-isolation';

/** The mysql2 types under names that say which driver they belong to. */
export type MysqlPool = Pool;
export type MysqlConnection = PoolConnection;

export interface MysqlPoolOptions {
  /** The Resource's name in readiness reports; default "mysql". */
  name?: string;
  /** Connections kept open at most; default 10. */
  connectionLimit?: number;
  /** How long opening a connection may go without a word from the server; default 5,000 ms. */
  connectTimeoutMs?: number;
  /** How long a statement may wait for a free connection; default 10,000 ms. */
  acquireTimeoutMs?: number;
  /** How long the readiness query may take, waiting for a connection included; default 5,000 ms. */
  checkTimeoutMs?: number;
  /**
   * Every session's isolation level, set once when a connection opens; default READ
   * COMMITTED (Mosaic's transactions read what they change with locking reads or
   * check versions, and READ COMMITTED takes no gap locks). A transaction asking for
   * this level costs no extra statement.
   */
  isolationLevel?: IsolationLevel;
}

export interface MysqlPoolHandle {
  readonly pool: MysqlPool;
  readonly resource: Resource;
}

/**
 * A mysql2 pool configured for Mosaic's rules: utf8mb4 throughout; BIGINT and DECIMAL
 * values arrive as strings so ids and money never pass through a float; dates are
 * UTC on both sides of the wire; one statement per query (no multi-statement
 * injection). Connections open lazily, so a wrong URL shows at the first query or
 * readiness check, with the URL (password masked) in the message. While the server
 * cannot be reached every call fails fast with `backend_unavailable` (a 503), and
 * the pool reconnects by itself once it is back.
 */
export function createMysqlPool(url: string, options: MysqlPoolOptions = {}): MysqlPoolHandle {
  let pool: Pool;
  const opening = connectTimeout(options.connectTimeoutMs ?? 5_000, true);
  try {
    pool = mysql.createPool({
      uri: url,
      charset: 'UTF8MB4_UNICODE_CI',
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      timezone: 'Z',
      dateStrings: false,
      multipleStatements: false,
      connectionLimit: options.connectionLimit ?? 10,
      waitForConnections: true,
      // Bounded by `opening` instead, which a stalled event loop does not fool.
      connectTimeout: 0,
      stream: opening.stream,
      enableKeepAlive: true,
      // A stack captured per statement costs more than many statements; errors name
      // their statement instead (see guardPool).
      trace: false,
    });
  } catch (error) {
    throw new Error(`invalid MySQL URL ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }

  // `timezone: 'Z'` only tells the driver how to convert; the session must agree, or
  // TIMESTAMP columns and NOW() are read and written in the server's zone.
  // The isolation level is set here too, once per connection rather than per transaction.
  const isolationLevel = options.isolationLevel ?? 'READ COMMITTED';
  pool.on('connection', (connection) => {
    // mysql2 emits its callback-style connection here, whatever its promise typings say.
    const core = connection as unknown as CallbackConnection;
    opening.connected(core.config);
    const onError = (error: Error | null) => {
      if (error) core.destroy();
    };
    core.query("SET time_zone = '+00:00'", onError);
    core.query(`SET SESSION TRANSACTION ISOLATION LEVEL ${isolationLevel}`, onError);
  });

  let closed = false;
  const checkTimeoutMs = options.checkTimeoutMs ?? 5_000;
  const resource: Resource = {
    name: options.name ?? 'mysql',
    check: async () => {
      try {
        // kit-core's reply timeout rather than mysql2's `timeout` (a plain timer): after a
        // stalled event loop, a reply that arrived in time is read before it gives up.
        await withReplyTimeout(pool.query('SELECT 1'), checkTimeoutMs, () => new Error(`no reply within ${checkTimeoutMs} ms`));
      } catch (error) {
        throw new Error(`MySQL at ${redactUrl(url)} is not reachable: ${(error as Error).message}`, { cause: error });
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  rememberSessionIsolation(pool, isolationLevel);
  return { pool: guardPool(pool, options.acquireTimeoutMs ?? 10_000), resource };
}

interface CallbackConnection {
  readonly config: object;
  query(sql: string, callback: (error: Error | null) => void): void;
  destroy(): void;
}
