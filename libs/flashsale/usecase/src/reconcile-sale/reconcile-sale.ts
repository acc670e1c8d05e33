import { phaseOf, saleIdAt } from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';
import type { SaleDirectory } from '../shared/sale-directory';

/**
 * Brings the gate back in line with the store of record for the open sale: items sold
 * in the store are sold in the gate, everything else is free, and the counter is the
 * store's count — so holds left by a crash no longer strand stock, and nothing the
 * store sold can be offered again. With `claims`, each user's claims are rebuilt too
 * (on start: what a crash or a lost Redis left behind).
 *
 * MySQL is the truth because only its conditional write is durable and atomic with the
 * order: Redis may lose writes (failover, eviction, a crash between the two), so it is
 * a filter that can be rebuilt from the truth at any time, never the other way round.
 */
export class ReconcileSale {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'sales' | 'gate' | 'clock'>,
    private readonly directory: SaleDirectory,
  ) {}

  /** The sale reconciled, or null when none is open. */
  async execute(options: { claims?: boolean } = {}): Promise<string | null> {
    const sale = await this.directory.find(saleIdAt(this.deps.clock.nowMs()));
    if (!sale || phaseOf(sale, this.deps.clock.nowMs()) !== 'open') return null;
    await this.deps.gate.reconcileItems(sale.id, sale.total, await this.deps.sales.soldIndexes(sale.id));
    if (options.claims) await this.deps.gate.reconcileClaims(sale.id, await this.deps.sales.claims(sale.id));
    return sale.id;
  }
}
