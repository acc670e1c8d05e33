import type { Pool } from 'mysql2/promise';

const STATEMENTS = new Set(['query', 'execute', 'beginTransaction', 'commit', 'rollback']);

/** Statements sent through a pool, counted as they go: in transactions (BEGIN to COMMIT or ROLLBACK, both included) and outside. */
export interface StatementCount {
  inTransactions: number;
  outside: number;
  /** Per statement kind (first words of its SQL): how many, and their total time from call to answer. */
  readonly timings: Map<string, { count: number; totalMs: number }>;
}

/**
 * The pool, counting every statement sent through it or through a connection it hands
 * out — counted on the client, so other clients of a shared server never add to it —
 * and timing each kind (call to answer: queueing for the socket, the server's work and
 * lock waits, the trip back), to show where a transfer's time goes.
 */
export function countingPool(pool: Pool): { pool: Pool; count: StatementCount } {
  const count: StatementCount = { inTransactions: 0, outside: 0, timings: new Map() };
  const note = (kind: string, ms: number) => {
    const timing = count.timings.get(kind) ?? { count: 0, totalMs: 0 };
    timing.count++;
    timing.totalMs += ms;
    count.timings.set(kind, timing);
  };
  const time = (kind: string, started: number) => note(kind, performance.now() - started);
  const wrap = <T extends object>(target: T): T => {
    let inTransaction = false;
    // While a transaction holds the rows its locking read took (answer of the first
    // `FOR UPDATE` to the answer of COMMIT or ROLLBACK): how long, and how much of it
    // the client spent between an answer and its next statement.
    let lockedAt: number | undefined;
    let statementsMs = 0;
    const answered = (property: string, sql: string, started: number) => {
      const now = performance.now();
      if (lockedAt !== undefined) {
        statementsMs += now - Math.max(started, lockedAt);
        if (property === 'commit' || property === 'rollback') {
          note('(rows held: locking read → commit)', now - lockedAt);
          note('(rows held: client between statements)', now - lockedAt - statementsMs);
          lockedAt = undefined;
        }
      } else if (sql.includes('FOR UPDATE')) {
        lockedAt = now;
        statementsMs = 0;
      }
    };
    // Wrappers are made once per method and connection: counting must cost the
    // benchmarked code as little as possible, and the same whatever it sends.
    const wrappers = new Map<string | symbol, unknown>();
    const wrapperOf = (object: T, property: string | symbol, value: (...a: unknown[]) => unknown): unknown => {
      if (property === 'getConnection') {
        return async () => {
          const started = performance.now();
          const connection = await (value as () => Promise<object>).call(object);
          time('(getConnection)', started);
          return wrap(connection);
        };
      }
      if (typeof property !== 'string' || !STATEMENTS.has(property)) return value.bind(object);
      return (...args: unknown[]) => {
        if (property === 'beginTransaction') inTransaction = true;
        if (inTransaction) count.inTransactions++;
        else count.outside++;
        if (property === 'commit' || property === 'rollback') inTransaction = false;
        const started = performance.now();
        const kind = kindOf(property, args[0]);
        const sql = sqlOf(args[0]);
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        return result.finally(() => {
          time(kind, started);
          answered(property, sql, started);
        });
      };
    };
    return new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        let wrapper = wrappers.get(property);
        if (wrapper === undefined) {
          wrapper = wrapperOf(object, property, value as (...a: unknown[]) => unknown);
          wrappers.set(property, wrapper);
        }
        return wrapper;
      },
    });
  };
  return { pool: wrap(pool), count };
}

const kinds = new Map<string, string>();

function sqlOf(statement: unknown): string {
  if (statement === undefined) return '';
  return typeof statement === 'string' ? statement : String((statement as { sql?: unknown })?.sql ?? '');
}

function kindOf(method: string, statement: unknown): string {
  if (method !== 'query' && method !== 'execute') return method.toUpperCase();
  const sql = sqlOf(statement);
  let kind = kinds.get(sql);
  if (kind === undefined) {
    const words = sql.trim().split(/\s+/);
    const table = words.find((_, i) => i > 0 && /^(FROM|INTO|UPDATE)$/i.test(words[i - 1] ?? '')) ?? words[1] ?? '';
    kind = `${(words[0] ?? '').toUpperCase()} ${table}`.slice(0, 40);
    if (kinds.size < 10_000) kinds.set(sql, kind);
  }
  return kind;
}
