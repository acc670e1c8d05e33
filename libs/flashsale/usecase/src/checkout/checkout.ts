import {
  assertUserId,
  itemSold,
  invalidItemId,
  limitExceeded,
  MAX_ITEMS_PER_USER,
  parseItemId,
  phaseOf,
  saleClosed,
  saleNotOpen,
  type Basket,
  type CheckoutOutcome,
} from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';
import type { SaleDirectory } from '../shared/sale-directory';

export interface CheckoutInput {
  readonly userId: string;
  readonly itemId: string;
}

/**
 * Puts an item into the user's basket of its sale and answers the basket's code.
 * Every attempt is recorded, refused ones too. The gate decides first, atomically:
 * a sold item or an eleventh item is refused before the store is touched; the store
 * then adds the item, and if that fails the claim is given back.
 */
export class Checkout {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'checkouts' | 'gate' | 'codes' | 'clock' | 'limitPerUser'>,
    private readonly directory: SaleDirectory,
  ) {}

  async execute(input: CheckoutInput): Promise<Basket> {
    assertUserId(input.userId);
    if (!parseItemId(input.itemId)) throw invalidItemId();
    const { sale, index } = await this.directory.itemOf(input.itemId);
    const at = this.deps.clock.now();
    const refuse = async (outcome: Exclude<CheckoutOutcome, 'added'>, error: Error): Promise<never> => {
      await this.deps.checkouts.recordAttempt({ saleId: sale.id, userId: input.userId, itemId: input.itemId, outcome, code: null, at });
      throw error;
    };
    const phase = phaseOf(sale, at.getTime());
    if (phase === 'upcoming') return refuse('sale_not_open', saleNotOpen(sale.id, sale.opensAt));
    if (phase === 'closed') return refuse('sale_closed', saleClosed(sale.id, sale.closesAt));

    const limit = this.deps.limitPerUser ?? MAX_ITEMS_PER_USER;
    const claimed = await this.deps.gate.claim(sale.id, input.userId, input.itemId, index, limit);
    if (claimed === 'item_sold') return refuse('item_sold', itemSold(input.itemId));
    if (claimed === 'limit_exceeded') return refuse('limit_exceeded', limitExceeded(limit));
    try {
      return await this.deps.checkouts.addToBasket({ saleId: sale.id, userId: input.userId, itemId: input.itemId, newCode: this.deps.codes.next(), at });
    } catch (error) {
      await this.deps.gate.unclaim(sale.id, input.userId, [input.itemId]).catch(() => undefined);
      throw error;
    }
  }
}
