import type { Side } from '../book/book-order';
import type { ExchangeCommand, PlaceOrderCommand } from '../commands/commands';
import { ExchangeEngine } from '../engine/exchange-engine';
import type { CommandResult, EngineEvent } from '../events/exchange-events';
import type { ProductSpec } from '../product/product';

/** One tick × one lot = 1 quote unit, one lot = 1 base unit: test arithmetic stays readable. */
export const PLAIN: ProductSpec = {
  id: 'AAA-BBB',
  baseCurrency: 'AAA',
  quoteCurrency: 'BBB',
  baseScale: 0,
  quoteScale: 0,
  tickSize: '1',
  stepSize: '1',
  minSize: '1',
  maxSize: '1000000',
  minFunds: '1',
  maxFunds: '100000000',
  makerFee: '0',
  takerFee: '0',
};

export { BTC_USDT } from '../product/listed-products';

type OrderOptions = Partial<Pick<PlaceOrderCommand, 'timeInForce' | 'postOnly' | 'stp' | 'ref'>>;

/** Feeds an engine consecutive records with a fixed clock. */
export class EngineDriver {
  seq = 0;
  time = 1_767_225_600_000;
  readonly log: { seq: number; time: number; command: ExchangeCommand }[] = [];

  constructor(readonly engine = new ExchangeEngine()) {
    this.seq = engine.lastSeq;
  }

  run(command: ExchangeCommand): CommandResult {
    const record = { seq: ++this.seq, time: this.time, command };
    this.log.push(record);
    return this.engine.apply(record);
  }

  list(product: ProductSpec = PLAIN): CommandResult {
    return this.run({ type: 'put_product', product });
  }

  deposit(userId: string, currency: string, amount: bigint): CommandResult {
    return this.run({ type: 'deposit', userId, currency, amount });
  }

  limit(userId: string, side: Side, price: number, size: number, options: OrderOptions = {}, productId = PLAIN.id): CommandResult {
    return this.run({ type: 'place_order', userId, productId, side, orderType: 'limit', price, size, ...options });
  }

  marketSell(userId: string, size: number, options: OrderOptions = {}, productId = PLAIN.id): CommandResult {
    return this.run({ type: 'place_order', userId, productId, side: 'sell', orderType: 'market', size, ...options });
  }

  marketBuy(userId: string, funds: bigint, options: OrderOptions = {}, productId = PLAIN.id): CommandResult {
    return this.run({ type: 'place_order', userId, productId, side: 'buy', orderType: 'market', funds, ...options });
  }

  cancel(userId: string, orderId: number): CommandResult {
    return this.run({ type: 'cancel_order', userId, orderId });
  }

  cancelAll(userId: string, productId?: string): CommandResult {
    return this.run(productId === undefined ? { type: 'cancel_all', userId } : { type: 'cancel_all', userId, productId });
  }
}

export function eventsOf<T extends EngineEvent['type']>(result: CommandResult, type: T): Extract<EngineEvent, { type: T }>[] {
  return result.events.filter((event) => event.type === type) as Extract<EngineEvent, { type: T }>[];
}

/** Trades as [maker order id, price, size]. */
export function tradesOf(result: CommandResult): [number, number, number][] {
  return eventsOf(result, 'trade').map((trade) => [trade.makerOrderId, trade.price, trade.size]);
}
