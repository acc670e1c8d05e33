/** Every backend refuses the same bad batches, before writing any of it. */
export function assertClickDeltas(deltas: ReadonlyMap<string, number>): void {
  for (const [code, delta] of deltas) {
    if (!Number.isSafeInteger(delta) || delta < 1) throw new RangeError(`click delta for "${code}" must be a positive integer, got ${delta}`);
  }
}
