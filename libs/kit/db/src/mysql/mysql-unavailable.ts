import { backendUnavailable, isAppError, withReplyTimeout } from '@mosaic/kit-core';
import type { Pool, PoolConnection } from 'mysql2/promise';

/** Driver and socket codes that mean "the server cannot be reached", not "the statement failed". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);
/** Too many connections, server shutdown, can't connect, gone away, lost during query. */
const CONNECTION_ERRNOS = new Set([1040, 1053, 2002, 2003, 2006, 2013]);

/** Whether a mysql2 error says the server is unreachable (so a retry later may succeed). */
export function isMysqlConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isAppError(error)) return false;
  const { code, errno, message } = error as { code?: string; errno?: number; message?: string };
  if ((code && CONNECTION_CODES.has(code)) || (errno !== undefined && CONNECTION_ERRNOS.has(errno))) return true;
  // mysql2 refuses commands on a connection that died, with a plain Error.
  return typeof message === 'string' && message.includes('connection is in closed state');
}

function mapped(error: unknown, args?: readonly unknown[]): unknown {
  if (isMysqlConnectionError(error)) return backendUnavailable('The database', error);
  if (args) nameStatement(error, args[0]);
  return error;
}

const STATEMENT_WORDS = 6;

/**
 * The pool captures no stack per statement (mysql2's `trace`), so a failing
 * statement's error says which statement it was: its name when the query was given as
 * `{ sql, name }`, else the first words of its SQL (never its values).
 */
function nameStatement(error: unknown, statement: unknown): void {
  if (!(error instanceof Error) || typeof statement === 'undefined') return;
  const query = typeof statement === 'string' ? { sql: statement } : (statement as { sql?: unknown; name?: unknown });
  const label =
    typeof query.name === 'string' ? query.name : typeof query.sql === 'string' ? query.sql.trim().split(/\s+/).slice(0, STATEMENT_WORDS).join(' ') : undefined;
  if (label === undefined || error.message.endsWith(`(in ${label})`)) return;
  error.message = `${error.message} (in ${label})`;
}

const CONNECTION_METHODS = new Set(['query', 'execute', 'beginTransaction', 'commit', 'rollback', 'ping', 'changeUser']);

/**
 * The pool every adapter receives: the same mysql2 pool, except that a server that
 * cannot be reached surfaces as kit-core's `backend_unavailable` (503 + Retry-After)
 * from every call, and waiting for a free connection is bounded by `acquireTimeoutMs`
 * (mysql2 would queue forever). Adapters need no error handling of their own.
 */
export function guardPool(pool: Pool, acquireTimeoutMs: number): Pool {
  const acquire = async (): Promise<PoolConnection> => {
    const pending = pool.getConnection();
    // kit-core's reply timeout: a connection released while the process was stalled is
    // handed over before the wait is given up.
    const late = () => {
      // A connection that arrives after the caller gave up goes straight back.
      pending.then(
        (connection) => connection.release(),
        () => undefined,
      );
      return Object.assign(new Error(`no MySQL connection within ${acquireTimeoutMs} ms`), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' });
    };
    try {
      return guardConnection(await withReplyTimeout(pending, acquireTimeoutMs, late));
    } catch (error) {
      throw mapped(error);
    }
  };
  // Through `acquire`, so a statement also waits a bounded time for its connection.
  const onConnection =
    (method: 'query' | 'execute') =>
    async (...args: unknown[]) => {
      const connection = await acquire();
      try {
        return await (connection[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw mapped(error, args);
      } finally {
        connection.release();
      }
    };
  const overrides: Record<string | symbol, unknown> = { getConnection: acquire, query: onConnection('query'), execute: onConnection('execute') };
  return new Proxy(pool, {
    get(target, property) {
      if (property in overrides) return overrides[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The guarded face of each pooled connection, made once: a connection serves many
 * transactions. mysql2's promise pool wraps the same driver connection in a new, stateless
 * object at each checkout; the face is kept by the driver connection and keeps the first.
 */
const guardedConnections = new WeakMap<object, PoolConnection>();

function guardConnection(connection: PoolConnection): PoolConnection {
  const key: object = (connection as { connection?: object }).connection ?? connection;
  let guarded = guardedConnections.get(key);
  if (guarded === undefined) {
    guarded = guardedProxy(connection);
    guardedConnections.set(key, guarded);
  }
  return guarded;
}

function guardedProxy(connection: PoolConnection): PoolConnection {
  // One wrapper per method, made on first use: a transaction reads `query` once per
  // statement (and `release` once), and neither should cost a new closure.
  const methods = new Map<string | symbol, { of: unknown; wrapper: unknown }>();
  return new Proxy(connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let made = methods.get(property);
      // Keyed by the method it wraps too: one replaced on the connection gets a wrapper of its own.
      if (made === undefined || made.of !== value) {
        const wrapper =
          typeof property === 'string' && CONNECTION_METHODS.has(property)
            ? guardMethod(target, value as (...a: unknown[]) => Promise<unknown>, property === 'query' || property === 'execute')
            : value.bind(target);
        made = { of: value, wrapper };
        methods.set(property, made);
      }
      return made.wrapper;
    },
  });
}

/** `method` of `target`, failing with `mapped` errors (statements named when `named`). */
function guardMethod(target: PoolConnection, method: (...a: unknown[]) => Promise<unknown>, named: boolean): (...args: unknown[]) => Promise<unknown> {
  return function guarded(...args) {
    try {
      return method.apply(target, args).catch((error: unknown) => Promise.reject(mapped(error, named ? args : undefined)));
    } catch (error) {
      return Promise.reject(mapped(error, named ? args : undefined));
    }
  };
}
