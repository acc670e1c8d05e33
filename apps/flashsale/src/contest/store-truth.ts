import type { FlashsaleAdapters } from '@mosaic/flashsale-repository';

export interface StoreTruth {
  /** Items sold, per the store of record. */
  readonly sold: number;
  /** Items each buyer holds in the store. */
  readonly byUser: ReadonlyMap<string, readonly string[]>;
  /** Items in each buyer's orders (the read model), cancelled ones left out. */
  readonly ordered: ReadonlyMap<string, readonly string[]>;
  /** The gate's sold counter. */
  readonly gateSold: number;
}

/** What the store of record, the order read model and the gate say about a sale. */
export async function storeTruth(adapters: FlashsaleAdapters, saleId: string, total: number, users: readonly string[]): Promise<StoreTruth> {
  const byUser = new Map<string, string[]>();
  for (const item of await adapters.sales.listItems(saleId, -1, total)) {
    if (item.soldTo !== null) byUser.set(item.soldTo, [...(byUser.get(item.soldTo) ?? []), item.id]);
  }
  const ordered = new Map<string, string[]>();
  for (const user of users) {
    const items = (await adapters.orders.listByUser(user, 100)).filter((order) => order.status !== 'cancelled').flatMap((order) => order.items);
    if (items.length > 0) ordered.set(user, items);
  }
  return { sold: await adapters.sales.countSold(saleId), byUser, ordered, gateSold: await adapters.gate.soldCount(saleId) };
}
