import type { Pool } from 'mysql2/promise';

const COUNTED = new Set(['query', 'execute', 'beginTransaction', 'commit', 'rollback']);

/**
 * The pool, noting every statement sent through it or a connection it hands out (BEGIN
 * and COMMIT included) as its first three words, or the method's name in capitals: for
 * tests that pin how many round trips an operation costs. `failures` gets the error
 * number of each that failed (deadlocks a retry hid, for instance).
 */
export function countingPool<P extends Pool>(pool: P): { pool: P; statements: string[]; failures: number[] } {
  const statements: string[] = [];
  const failures: number[] = [];
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'getConnection') return async () => count(await (value as () => Promise<object>).call(object));
        if (typeof property !== 'string' || !COUNTED.has(property)) return value.bind(object);
        return (...args: unknown[]) => {
          statements.push(property === 'query' || property === 'execute' ? String(args[0]).trim().split(/\s+/).slice(0, 3).join(' ') : property.toUpperCase());
          const result = (value as (...a: unknown[]) => unknown).apply(object, args);
          if (!(result instanceof Promise)) return result;
          return result.catch((error: unknown) => {
            failures.push((error as { errno?: number }).errno ?? 0);
            throw error;
          });
        };
      },
    });
  return { pool: count(pool), statements, failures };
}
