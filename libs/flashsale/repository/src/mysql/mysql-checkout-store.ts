import type { AddToBasket, Basket, CheckoutAttempt, CheckoutOutcome, CheckoutStore, PurchaseResult } from '@mosaic/flashsale-domain';
import { withTransaction } from '@mosaic/kit-db';
import type { Pool } from 'mysql2/promise';
import type { Rows, Sql, Written } from './sql';

export class MysqlCheckoutStore implements CheckoutStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Finds the user's open basket with a row lock (a purchase closing it waits, or is
   * waited for), opens one when there is none, adds the item and records the attempt —
   * one transaction, so an accepted attempt and its basket line exist together or not at all.
   */
  addToBasket(input: AddToBasket): Promise<Basket> {
    return withTransaction(
      this.pool,
      async (tx) => {
        let code = await openBasketCode(tx, input.saleId, input.userId);
        if (!code) {
          await tx.query('INSERT IGNORE INTO flashsale_baskets (code, sale_id, user_id, open_marker, created_at) VALUES (?, ?, ?, 1, ?)', [input.newCode, input.saleId, input.userId, input.at]);
          code = await openBasketCode(tx, input.saleId, input.userId);
          if (!code) throw new Error(`no open basket for ${input.userId} in ${input.saleId} after opening one`);
        }
        await tx.query('INSERT IGNORE INTO flashsale_basket_items (code, item_id) VALUES (?, ?)', [code, input.itemId]);
        await insertAttempt(tx, { ...input, outcome: 'added', code });
        return (await basketOf(tx, code)) as Basket;
      },
      { isolationLevel: 'READ COMMITTED', retries: 5 },
    );
  }

  async recordAttempt(attempt: CheckoutAttempt): Promise<void> {
    await insertAttempt(this.pool, attempt);
  }

  findBasket(code: string): Promise<Basket | undefined> {
    return basketOf(this.pool, code);
  }

  async listAttempts(saleId: string, userId: string): Promise<CheckoutAttempt[]> {
    const [rows] = await this.pool.query<Rows>('SELECT sale_id, user_id, item_id, outcome, code, created_at FROM flashsale_checkout_attempts WHERE sale_id = ? AND user_id = ? ORDER BY id', [saleId, userId]);
    return rows.map((row) => ({ saleId: row.sale_id, userId: row.user_id, itemId: row.item_id, outcome: row.outcome as CheckoutOutcome, code: row.code ?? null, at: row.created_at as Date }));
  }
}

async function openBasketCode(tx: Sql, saleId: string, userId: string): Promise<string | undefined> {
  const [rows] = await tx.query<Rows>('SELECT code FROM flashsale_baskets WHERE sale_id = ? AND user_id = ? AND open_marker = 1 FOR UPDATE', [saleId, userId]);
  return rows[0]?.code as string | undefined;
}

async function insertAttempt(sql: Sql, attempt: Omit<CheckoutAttempt, 'code'> & { code: string | null }): Promise<void> {
  await sql.query<Written>('INSERT INTO flashsale_checkout_attempts (sale_id, user_id, item_id, outcome, code, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    attempt.saleId,
    attempt.userId,
    attempt.itemId,
    attempt.outcome,
    attempt.code,
    attempt.at,
  ]);
}

/** The basket and its items; `lock` takes the basket's row lock (inside a transaction). */
export async function basketOf(sql: Sql, code: string, lock = false): Promise<Basket | undefined> {
  const [rows] = await sql.query<Rows>(`SELECT code, sale_id, user_id, result FROM flashsale_baskets WHERE code = ?${lock ? ' FOR UPDATE' : ''}`, [code]);
  const row = rows[0];
  if (!row) return undefined;
  const [items] = await sql.query<Rows>('SELECT item_id FROM flashsale_basket_items WHERE code = ? ORDER BY seq', [code]);
  return {
    code: row.code as string,
    saleId: row.sale_id as string,
    userId: row.user_id as string,
    items: items.map((item) => item.item_id as string),
    result: row.result ? (JSON.parse(row.result as string) as PurchaseResult) : null,
  };
}
