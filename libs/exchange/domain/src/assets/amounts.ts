const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * a × b as a bigint. When the product fits in a double exactly (below 2^53, the
 * common case for ticks × lots) it is computed as a number and converted once,
 * saving two BigInt allocations on every hold and fill.
 */
export function product(a: number, b: number): bigint {
  const exact = a * b;
  return exact <= MAX_SAFE ? BigInt(exact) : BigInt(a) * BigInt(b);
}

/** ticks × lots × quote units per tick-lot: what `lots` cost at `ticks`, in quote minor units. */
export function notional(ticks: number, lots: number, quotePerTickLot: bigint): bigint {
  return quotePerTickLot === 1n ? product(ticks, lots) : product(ticks, lots) * quotePerTickLot;
}
