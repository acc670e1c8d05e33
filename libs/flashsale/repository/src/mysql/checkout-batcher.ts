import type { AddToBasket, Basket } from '@mosaic/flashsale-domain';
import { isRetryableTransactionError } from '@mosaic/kit-db';
import type { Pool } from 'mysql2/promise';
import { CHECKOUT_PROCEDURE } from './checkout-procedure';
import type { Rows } from './sql';

/** Batches in flight at once: the rest of the pool stays free for purchases and reads. */
const BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 64;
const RETRIES = 5;

interface Pending {
  readonly input: AddToBasket;
  resolve(basket: Basket): void;
  reject(error: unknown): void;
}

/**
 * Group commit for checkouts: while `BATCHES_IN_FLIGHT` calls of the checkout procedure
 * are out, new checkouts wait and go together in the next call. A quiet server sends each
 * alone (no added wait); a busy one pays one round trip and one commit per batch rather
 * than per checkout. Each batch locks baskets in (sale, user) order, so two batches never
 * deadlock on each other; a deadlock with a purchase rolls the batch back and runs it again,
 * and a batch that still fails is split, so only the checkout that cannot be done fails.
 */
export class CheckoutBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly pool: Pool) {}

  add(input: AddToBasket): Promise<Basket> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => compare(a.input.saleId, b.input.saleId) || compare(a.input.userId, b.input.userId));
    const json = JSON.stringify(
      ordered.map(({ input }) => ({
        code: input.newCode,
        sale: input.saleId,
        user: input.userId,
        item: input.itemId,
        at: input.at.toISOString().replace('T', ' ').replace('Z', ''),
      })),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const [sets] = await this.pool.query<Rows[]>(`CALL ${CHECKOUT_PROCEDURE}(?)`, [json]);
        ordered.forEach(({ input, resolve }, i) => {
          const row = (sets[i] as Rows)[0] as { code: string; items: string };
          resolve({ code: row.code, saleId: input.saleId, userId: input.userId, items: row.items.split(','), result: null });
        });
        return;
      } catch (error) {
        if (attempt > RETRIES || !isRetryableTransactionError(error)) {
          // One checkout's failure must not fail its batch-mates: each goes again alone.
          if (ordered.length > 1) for (const pending of ordered) await this.send([pending]);
          else for (const { reject } of ordered) reject(error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
