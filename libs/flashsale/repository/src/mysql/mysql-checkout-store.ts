import type { AddToBasket, Basket, CheckoutAttempt, CheckoutOutcome, CheckoutStore, PurchaseResult } from '@mosaic/flashsale-domain';
import type { Pool } from 'mysql2/promise';
import { CheckoutBatcher } from './checkout-batcher';
import type { Rows, Sql } from './sql';

export class MysqlCheckoutStore implements CheckoutStore {
  private readonly batcher: CheckoutBatcher;

  constructor(private readonly pool: Pool) {
    this.batcher = new CheckoutBatcher(pool);
  }

  /**
   * Through the checkout procedure (batched with concurrent checkouts): it locks the
   * user's open basket (a purchase closing it waits, or is waited for), opens one when
   * there is none, adds the item and records the attempt in one transaction, so an
   * accepted attempt and its basket line exist together or not at all.
   */
  addToBasket(input: AddToBasket): Promise<Basket> {
    return this.batcher.add(input);
  }

  /** Batched with concurrent checkouts too: a refused attempt costs a share of the same call. */
  recordAttempt(attempt: CheckoutAttempt): Promise<void> {
    return this.batcher.record(attempt);
  }

  findBasket(code: string): Promise<Basket | undefined> {
    return basketOf(this.pool, code);
  }

  async listAttempts(saleId: string, userId: string): Promise<CheckoutAttempt[]> {
    const [rows] = await this.pool.query<Rows>(
      'SELECT sale_id, user_id, item_id, outcome, code, created_at FROM flashsale_checkout_attempts WHERE sale_id = ? AND user_id = ? ORDER BY id',
      [saleId, userId],
    );
    return rows.map((row) => ({
      saleId: row.sale_id,
      userId: row.user_id,
      itemId: row.item_id,
      outcome: row.outcome as CheckoutOutcome,
      code: row.code ?? null,
      at: row.created_at as Date,
    }));
  }
}

/**
 * The basket and its items in one query. Given its sale and user (inside a transaction),
 * it locks the basket through the (sale, user, open) key and then the row.
 */
export async function basketOf(sql: Sql, code: string, lockAs?: { saleId: string; userId: string }): Promise<Basket | undefined> {
  const [rows] = lockAs
    ? await sql.query<Rows>(
        `SELECT b.code, b.sale_id, b.user_id, b.result, i.item_id FROM flashsale_baskets b FORCE INDEX (uq_flashsale_baskets_open)
          LEFT JOIN flashsale_basket_items i ON i.code = b.code WHERE b.sale_id = ? AND b.user_id = ? AND b.code = ? ORDER BY i.seq FOR UPDATE`,
        [lockAs.saleId, lockAs.userId, code],
      )
    : await sql.query<Rows>(
        `SELECT b.code, b.sale_id, b.user_id, b.result, i.item_id FROM flashsale_baskets b LEFT JOIN flashsale_basket_items i ON i.code = b.code
          WHERE b.code = ? ORDER BY i.seq`,
        [code],
      );
  const row = rows[0];
  if (!row) return undefined;
  return {
    code: row.code as string,
    saleId: row.sale_id as string,
    userId: row.user_id as string,
    items: rows.filter((item) => item.item_id !== null).map((item) => item.item_id as string),
    result: row.result ? (JSON.parse(row.result as string) as PurchaseResult) : null,
  };
}
