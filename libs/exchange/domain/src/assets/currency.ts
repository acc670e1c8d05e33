import type { Amount } from './amounts';

/**
 * A currency the engine knows, with the ledger totals conservation is checked
 * against: for every currency, Σ(available + hold) over all users + fees
 * = deposited − withdrawn.
 */
export class Currency {
  /** Minor units, as engine amounts (see amounts.ts). */
  deposited: Amount = 0;
  withdrawn: Amount = 0;
  /** Fees collected in this currency (the fee account). */
  fees: Amount = 0;

  constructor(
    readonly code: string,
    readonly scale: number,
    /** Position in the engine's currency list; accounts index balances by it. */
    readonly index: number,
  ) {}
}
