/** Shared by both backends so they reject the same inputs with the same messages. */

export function assertTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`cache TTL must be a positive whole number of milliseconds, got ${ttlMs}`);
  }
}

export function assertIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new RangeError(`cache increment must be a safe integer, got ${by}`);
  }
}

/** Redis counts in signed 64 bits but JS numbers are exact only to 2^53; refuse rather than round. */
export function assertCounter(value: number, key: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`cache counter "${key}" left the safe integer range`);
  }
  return value;
}

export const NOT_AN_INTEGER = 'value is not an integer or out of range';
