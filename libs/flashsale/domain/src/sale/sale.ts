import { invalidSaleId, saleClosed, saleNotOpen } from '../errors/flashsale-errors';

/** Items in every sale. */
export const ITEMS_PER_SALE = 10_000;
/** Items one user may hold (in a basket or bought) per sale. */
export const MAX_ITEMS_PER_USER = 10;
export const SALE_LENGTH_MS = 60 * 60 * 1000;

/** A sale: one UTC hour, opening at its top, named by it (`YYYYMMDDHH`). */
export interface Sale {
  readonly id: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly total: number;
}

export type SalePhase = 'upcoming' | 'open' | 'closed';

const SALE_ID = /^(\d{4})(\d{2})(\d{2})(\d{2})$/;

/** The id of the sale whose hour contains `at`. */
export function saleIdAt(at: Date | number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}`;
}

/** The start of the hour a sale id names, or undefined when it names no real hour. */
export function opensAtOf(id: string): Date | undefined {
  const match = SALE_ID.exec(id);
  if (!match) return undefined;
  const [, year, month, day, hour] = match.map(Number) as [number, number, number, number, number];
  const opensAt = new Date(Date.UTC(year, month - 1, day, hour));
  return saleIdAt(opensAt) === id ? opensAt : undefined;
}

export const isSaleId = (id: unknown): id is string => typeof id === 'string' && opensAtOf(id) !== undefined;

export function saleOf(id: string, total = ITEMS_PER_SALE): Sale {
  const opensAt = opensAtOf(id);
  if (!opensAt) throw invalidSaleId();
  return { id, opensAt, closesAt: new Date(opensAt.getTime() + SALE_LENGTH_MS), total };
}

export function phaseOf(sale: Sale, nowMs: number): SalePhase {
  if (nowMs < sale.opensAt.getTime()) return 'upcoming';
  return nowMs < sale.closesAt.getTime() ? 'open' : 'closed';
}

/** Checkouts and purchases happen only while the sale is open. */
export function assertOpen(sale: Sale, nowMs: number): void {
  const phase = phaseOf(sale, nowMs);
  if (phase === 'upcoming') throw saleNotOpen(sale.id, sale.opensAt);
  if (phase === 'closed') throw saleClosed(sale.id, sale.closesAt);
}
