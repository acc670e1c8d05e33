import type { CheckoutAttempt, OrderEvent, OrderSummary, PurchaseResult, Sale } from '@mosaic/flashsale-domain';
import { MemoryOutboxLog } from '@mosaic/kit-outbox';
import { SerialLock } from './serial-lock';

export interface MemoryItem {
  readonly id: string;
  readonly saleId: string;
  readonly index: number;
  readonly name: string;
  soldTo: string | null;
  orderId: string | null;
}

export interface MemoryBasket {
  readonly code: string;
  readonly saleId: string;
  readonly userId: string;
  readonly items: string[];
  result: PurchaseResult | null;
}

export const userKey = (saleId: string, userId: string) => `${saleId}\u0000${userId}`;

/**
 * The store of record on the embedded default: what MySQL holds, as maps. Every write
 * runs under `lock`, one at a time, which is what row locks and transactions give
 * MySQL; reads see only finished writes because each write applies synchronously or
 * is undone before the lock is released.
 */
export class MemoryFlashsaleDatabase {
  readonly lock = new SerialLock();
  readonly sales = new Map<string, Sale>();
  readonly items = new Map<string, MemoryItem[]>();
  readonly baskets = new Map<string, MemoryBasket>();
  readonly openBaskets = new Map<string, string>();
  readonly quotas = new Map<string, number>();
  /** Every checkout attempt, never deleted. */
  readonly attempts: CheckoutAttempt[] = [];
  readonly orderEvents = new Map<string, OrderEvent[]>();
  readonly summaries = new Map<string, OrderSummary>();
  readonly summariesByUser = new Map<string, string[]>();
  readonly outbox = new MemoryOutboxLog<OrderEvent>();

  item(itemId: string): MemoryItem | undefined {
    const [saleId, index] = itemId.split('-');
    return this.items.get(saleId as string)?.[Number(index)];
  }
}
