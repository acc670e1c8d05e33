import { isSaleId, invalidSaleId, itemIdOf, noActiveSale, phaseOf, saleIdAt, type Sale, type SalePhase } from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';
import type { SaleDirectory } from '../shared/sale-directory';

export interface SaleView {
  readonly sale: Sale;
  readonly phase: SalePhase;
  readonly sold: number;
  readonly remaining: number;
}

/** A sale with its live counts: the hot counter while it is open, the store of record otherwise. */
export class GetSale {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'sales' | 'gate' | 'clock'>,
    private readonly directory: SaleDirectory,
  ) {}

  async execute(id: string): Promise<SaleView> {
    if (!isSaleId(id)) throw invalidSaleId();
    return this.viewOf(await this.directory.get(id));
  }

  /** The sale open now; no_active_sale when there is none. */
  async active(): Promise<SaleView> {
    const sale = await this.directory.find(saleIdAt(this.deps.clock.nowMs()));
    if (!sale || phaseOf(sale, this.deps.clock.nowMs()) !== 'open') throw noActiveSale();
    return this.viewOf(sale);
  }

  /** Ids of up to `limit` items the gate reports free (not sold, not being bought) in an open sale; none otherwise. */
  async freeItems(id: string, limit: number): Promise<string[]> {
    if (!isSaleId(id)) throw invalidSaleId();
    const sale = await this.directory.get(id);
    if (phaseOf(sale, this.deps.clock.nowMs()) !== 'open') return [];
    return (await this.deps.gate.freeIndexes(sale.id, sale.total, limit)).map((index) => itemIdOf(sale.id, index));
  }

  private async viewOf(sale: Sale): Promise<SaleView> {
    const phase = phaseOf(sale, this.deps.clock.nowMs());
    const counted = phase === 'open' ? await this.deps.gate.soldCount(sale.id) : await this.deps.sales.countSold(sale.id);
    const sold = Math.min(sale.total, Math.max(0, counted));
    return { sale, phase, sold, remaining: sale.total - sold };
  }
}
