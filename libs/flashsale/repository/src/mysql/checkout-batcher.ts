import type { AddToBasket, Basket, CheckoutAttempt } from '@mosaic/flashsale-domain';
import { isRetryableTransactionError } from '@mosaic/kit-db';
import type { Pool } from 'mysql2/promise';
import { CHECKOUT_PROCEDURE } from './checkout-procedure';
import type { Rows } from './sql';

/** Batches in flight at once: the rest of the pool stays free for purchases and reads. */
const BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 64;
const RETRIES = 5;

/** An added attempt carries the code of the basket it opens if the user has none open; a refused one only its outcome. */
type Attempt = (AddToBasket & { readonly outcome: 'added' }) | (Omit<CheckoutAttempt, 'code'> & { readonly newCode?: undefined });

interface Pending {
  readonly attempt: Attempt;
  resolve(basket: Basket | undefined): void;
  reject(error: unknown): void;
}

/**
 * Group commit for checkout attempts, accepted and refused: while `BATCHES_IN_FLIGHT`
 * calls of the checkout procedure are out, new attempts wait and go together in the next
 * call. A quiet server sends each alone (no added wait); a busy one pays one round trip
 * and one commit per batch rather than per attempt. Each batch locks baskets in (sale,
 * user) order, so two batches never wait on each other in a cycle; a deadlock rolls the
 * batch back and runs it again, and a batch that still fails is split, so only the
 * attempt that cannot be done fails.
 */
export class CheckoutBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly pool: Pool) {}

  /** Adds the item to the user's open basket (opening one) and records the attempt. */
  add(input: AddToBasket): Promise<Basket> {
    return this.enqueue({ ...input, outcome: 'added' }) as Promise<Basket>;
  }

  /** Records a refused attempt. */
  async record(attempt: CheckoutAttempt): Promise<void> {
    await this.enqueue({ saleId: attempt.saleId, userId: attempt.userId, itemId: attempt.itemId, outcome: attempt.outcome, at: attempt.at });
  }

  private enqueue(attempt: Attempt): Promise<Basket | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ attempt, resolve, reject });
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
    const ordered = [...batch].sort((a, b) => compare(a.attempt.saleId, b.attempt.saleId) || compare(a.attempt.userId, b.attempt.userId));
    const json = JSON.stringify(
      ordered.map(({ attempt }) => ({
        code: attempt.newCode ?? null,
        sale: attempt.saleId,
        user: attempt.userId,
        item: attempt.itemId,
        outcome: attempt.outcome,
        at: attempt.at.toISOString().replace('T', ' ').replace('Z', ''),
      })),
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const [sets] = await this.pool.query<Rows[]>(`CALL ${CHECKOUT_PROCEDURE}(?)`, [json]);
        settle(ordered, sets[0] ?? []);
        return;
      } catch (error) {
        if (attempt > RETRIES || !isRetryableTransactionError(error)) {
          // One attempt's failure must not fail its batch-mates: each goes again alone.
          if (ordered.length > 1) for (const pending of ordered) await this.send([pending]);
          else for (const { reject } of ordered) reject(error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }
}

/** The procedure answers a row per added attempt, by its 1-based position in the batch. */
function settle(ordered: readonly Pending[], rows: Rows): void {
  const byPosition = new Map(rows.map((row) => [Number(row.n), row as { code: string; items: string }]));
  ordered.forEach(({ attempt, resolve, reject }, i) => {
    if (attempt.outcome !== 'added') return resolve(undefined);
    const row = byPosition.get(i + 1);
    if (!row) return reject(new Error(`the checkout procedure answered no basket for ${attempt.userId} in ${attempt.saleId}`));
    resolve({ code: row.code, saleId: attempt.saleId, userId: attempt.userId, items: row.items.split(','), result: null });
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
