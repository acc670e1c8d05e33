import type { FillRow, OrderRow, Product, TransferRow } from '@mosaic/exchange-domain';
import { canonicalDecimal, type TickerView, type TradeView } from '@mosaic/exchange-usecase';

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Decimal places a value of this increment is written with ("0.0001" → 4). */
function decimalsOf(increment: string): number {
  const canonical = canonicalDecimal(increment);
  const point = canonical.indexOf('.');
  return point === -1 ? 0 : canonical.length - point - 1;
}

export function productJson(product: Product) {
  const spec = product.spec;
  return {
    id: product.id,
    baseCurrency: product.baseCurrency,
    quoteCurrency: product.quoteCurrency,
    baseMinSize: canonicalDecimal(spec.minSize),
    baseMaxSize: canonicalDecimal(spec.maxSize),
    quoteIncrement: canonicalDecimal(spec.tickSize),
    baseScale: decimalsOf(spec.stepSize),
    quoteScale: decimalsOf(spec.tickSize),
  };
}

export function orderJson(order: OrderRow) {
  return {
    id: String(order.id),
    productId: order.productId,
    side: order.side,
    type: order.type,
    price: order.price,
    size: order.size,
    funds: order.funds,
    filledSize: order.filledSize,
    executedValue: order.executedValue,
    fillFees: order.fillFees,
    status: order.status,
    createdAt: iso(order.createdAt),
    clientOid: order.clientOid,
  };
}

/** The `order` push: the order's own type goes in `orderType`, since `type` names the message. */
export function orderPush(order: OrderRow) {
  const { type, ...rest } = orderJson(order);
  return { type: 'order', ...rest, orderType: type };
}

export function fillJson(fill: FillRow) {
  return {
    id: String(fill.id),
    tradeId: fill.tradeId,
    orderId: String(fill.orderId),
    productId: fill.productId,
    side: fill.side,
    price: fill.price,
    size: fill.size,
    fee: fill.fee,
    liquidity: fill.liquidity,
    settled: true,
    createdAt: iso(fill.createdAt),
  };
}

export function transferJson(transfer: TransferRow) {
  return {
    id: String(transfer.id),
    currency: transfer.currency,
    type: transfer.type,
    amount: transfer.amount,
    status: 'completed',
    createdAt: iso(transfer.createdAt),
  };
}

export function tradeJson(trade: TradeView) {
  return { tradeId: trade.tradeId, time: iso(trade.time), price: trade.price, size: trade.size, side: trade.side };
}

export function matchJson(trade: TradeView) {
  return {
    type: 'match',
    productId: trade.productId,
    tradeId: trade.tradeId,
    time: iso(trade.time),
    price: trade.price,
    size: trade.size,
    side: trade.side,
    makerOrderId: String(trade.makerOrderId),
    takerOrderId: String(trade.takerOrderId),
  };
}

/** Only the fields the client merges into its product: no `id` or other product fields. */
export function tickerJson(ticker: TickerView) {
  return {
    type: 'ticker',
    productId: ticker.productId,
    price: ticker.price,
    open24h: ticker.open24h,
    high24h: ticker.high24h,
    low24h: ticker.low24h,
    volume24h: ticker.volume24h,
    side: ticker.side,
    time: iso(ticker.time),
    tradeId: ticker.tradeId,
  };
}

export function fundsJson(funds: { currency: string; available: string; hold: string }) {
  return { currency: funds.currency, available: funds.available, hold: funds.hold };
}
