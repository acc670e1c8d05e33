import { isSaleId } from './sale';

/** An item of a sale; `soldTo` is the buyer once sold. */
export interface SaleItem {
  readonly id: string;
  readonly saleId: string;
  /** 0-based position in the sale, the order items are listed in. */
  readonly index: number;
  readonly name: string;
  readonly soldTo: string | null;
}

const ITEM_ID = /^(\d{10})-(\d{5})$/;

/** `2026120101-00042`: the sale, then the item's position. */
export function itemIdOf(saleId: string, index: number): string {
  return `${saleId}-${String(index).padStart(5, '0')}`;
}

export function parseItemId(id: unknown): { saleId: string; index: number } | undefined {
  if (typeof id !== 'string') return undefined;
  const match = ITEM_ID.exec(id);
  if (!match || !isSaleId(match[1])) return undefined;
  return { saleId: match[1], index: Number(match[2]) };
}

const ADJECTIVES = [
  'Amber',
  'Brisk',
  'Cobalt',
  'Dapper',
  'Ember',
  'Frosty',
  'Golden',
  'Hazel',
  'Indigo',
  'Jade',
  'Lunar',
  'Mellow',
  'Nimble',
  'Olive',
  'Polar',
  'Quiet',
  'Rustic',
  'Solar',
  'Tidal',
  'Velvet',
];
const NOUNS = [
  'Backpack',
  'Bottle',
  'Camera',
  'Candle',
  'Desk Lamp',
  'Headphones',
  'Jacket',
  'Kettle',
  'Keyboard',
  'Mug',
  'Notebook',
  'Plant',
  'Scarf',
  'Sneakers',
  'Speaker',
  'Teapot',
  'Umbrella',
  'Wallet',
  'Watch',
  'Yo-yo',
];

/** A name generated from the position, the same on every instance. */
export function itemNameOf(index: number): string {
  const adjective = ADJECTIVES[index % ADJECTIVES.length] as string;
  const noun = NOUNS[Math.floor(index / ADJECTIVES.length) % NOUNS.length] as string;
  return `${adjective} ${noun} #${index + 1}`;
}

/** The items a sale is created with, all unsold. */
export function generateItems(saleId: string, total: number): SaleItem[] {
  return Array.from({ length: total }, (_, index) => ({ id: itemIdOf(saleId, index), saleId, index, name: itemNameOf(index), soldTo: null }));
}
