const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
const PPM = 1_000_000;

/**
 * An exact integer amount of minor units inside the engine: a plain number while
 * it is a safe integer (|x| ≤ 2^53 − 1), a bigint beyond. Always in that
 * canonical form, so equal amounts are `===` and `<`/`>` compare exactly across
 * the two types. Numbers make the hot path cheap (no BigInt allocation or runtime
 * call per addition); every operation below checks its result and carries on in
 * bigint when it would leave the safe range, so nothing is ever rounded. Outside
 * the engine (results, events, snapshots, views) amounts are bigint.
 */
export type Amount = number | bigint;

/** The canonical amount for a bigint. */
export function amountOf(value: bigint): Amount {
  return value <= MAX_SAFE_BIG && value >= -MAX_SAFE_BIG ? Number(value) : value;
}

export function toBigint(amount: Amount): bigint {
  return typeof amount === 'bigint' ? amount : BigInt(amount);
}

/**
 * a + b. For safe integers the double sum is exact whenever the true sum is
 * safe, and rounds to beyond the safe range when it is not (rounding is
 * monotonic and 2^53 is a double), so the range check alone decides.
 */
export function plus(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum <= MAX_SAFE && sum >= -MAX_SAFE) return sum;
  }
  return amountOf(BigInt(a) + BigInt(b));
}

/** a − b, on the same reasoning as `plus`. */
export function minus(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const difference = a - b;
    if (difference <= MAX_SAFE && difference >= -MAX_SAFE) return difference;
  }
  return amountOf(BigInt(a) - BigInt(b));
}

/** a × b, on the same reasoning as `plus` (a product of safe integers within the safe range is exact). */
export function times(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const product = a * b;
    // + 0 turns a −0 (a negative times zero) into 0.
    if (product <= MAX_SAFE && product >= -MAX_SAFE) return product + 0;
  }
  return amountOf(BigInt(a) * BigInt(b));
}

/**
 * ⌊a / b⌋ for a ≥ 0, b > 0 (bigint division, which truncates, agrees there).
 * The remainder of two doubles is exact, so a − a % b is an exact multiple of b
 * and the division by b is exact too.
 */
export function quotient(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') return (a - (a % b)) / b;
  return amountOf(BigInt(a) / BigInt(b));
}

/** The fee on `amount` at `ppm` parts per million, rounded down: ⌊amount × ppm / 10^6⌋. */
export function feeOn(amount: Amount, ppm: number): Amount {
  return quotient(times(amount, ppm), PPM);
}

/** ticks × lots × quote units per tick-lot: what `lots` cost at `ticks`, in quote minor units. */
export function cost(ticks: number, lots: number, quotePerTickLot: Amount): Amount {
  return quotePerTickLot === 1 ? times(ticks, lots) : times(times(ticks, lots), quotePerTickLot);
}

/**
 * a × b as a bigint. When the product fits in a double exactly (below 2^53, the
 * common case for ticks × lots) it is computed as a number and converted once,
 * saving two BigInt allocations.
 */
export function product(a: number, b: number): bigint {
  const exact = a * b;
  return exact <= MAX_SAFE ? BigInt(exact) : BigInt(a) * BigInt(b);
}

/** ticks × lots × quote units per tick-lot, as a bigint (for callers outside the engine's hot path). */
export function notional(ticks: number, lots: number, quotePerTickLot: bigint): bigint {
  return quotePerTickLot === 1n ? product(ticks, lots) : product(ticks, lots) * quotePerTickLot;
}
