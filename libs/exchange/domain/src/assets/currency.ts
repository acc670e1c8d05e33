/**
 * A currency the engine knows, with the ledger totals conservation is checked
 * against: for every currency, Σ(available + hold) over all users + fees
 * = deposited − withdrawn.
 */
export class Currency {
  deposited = 0n;
  withdrawn = 0n;
  /** Fees collected in this currency (the fee account). */
  fees = 0n;

  constructor(
    readonly code: string,
    readonly scale: number,
    /** Position in the engine's currency list; accounts index balances by it. */
    readonly index: number,
  ) {}
}
