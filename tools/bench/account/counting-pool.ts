import type { Pool } from 'mysql2/promise';

const STATEMENTS = new Set(['query', 'execute', 'beginTransaction', 'commit', 'rollback']);

/** Statements sent through a pool, counted as they go: in transactions (BEGIN to COMMIT or ROLLBACK, both included) and outside. */
export interface StatementCount {
  inTransactions: number;
  outside: number;
}

/**
 * The pool, counting every statement sent through it or through a connection it hands
 * out — counted on the client, so other clients of a shared server never add to it.
 */
export function countingPool(pool: Pool): { pool: Pool; count: StatementCount } {
  const count: StatementCount = { inTransactions: 0, outside: 0 };
  const wrap = <T extends object>(target: T): T => {
    let inTransaction = false;
    return new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'getConnection') return async () => wrap(await (value as () => Promise<object>).call(object));
        if (typeof property !== 'string' || !STATEMENTS.has(property)) return value.bind(object);
        return (...args: unknown[]) => {
          if (property === 'beginTransaction') inTransaction = true;
          if (inTransaction) count.inTransactions++;
          else count.outside++;
          if (property === 'commit' || property === 'rollback') inTransaction = false;
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  };
  return { pool: wrap(pool), count };
}
