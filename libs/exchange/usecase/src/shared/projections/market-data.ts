import type { CommandResult, Product, Side, TradeEvent } from '@mosaic/exchange-domain';
import { canonicalDecimal } from '../decimals';

/** Candle widths served, in seconds. */
export const GRANULARITIES = [60, 300, 900, 1800, 3600, 21600, 86400] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export function isGranularity(value: number): value is Granularity {
  return (GRANULARITIES as readonly number[]).includes(value);
}

export interface TradeView {
  tradeId: number;
  productId: string;
  /** Epoch ms, from the journal. */
  time: number;
  price: string;
  size: string;
  /** The taker's side. */
  side: Side;
  makerOrderId: number;
  takerOrderId: number;
}

export interface TickerView {
  productId: string;
  price: string;
  open24h: string;
  high24h: string;
  low24h: string;
  volume24h: string;
  side: Side;
  time: number;
  tradeId: number;
}

/** `[time (epoch s), low, high, open, close, volume]`. */
export type CandleRow = [number, number, number, number, number, number];

interface Candle {
  start: number;
  low: number;
  high: number;
  open: number;
  close: number;
  /** Lots. */
  volume: number;
}

const DAY_MS = 86_400_000;
const TRADES_KEPT = 500;
const CANDLES_KEPT = 1_500;

/** What the ticker needs of the last trade. */
type LastTrade = Pick<TradeEvent, 'productId' | 'price' | 'side' | 'time' | 'tradeId'>;

/** One product's market data as plain JSON, for a snapshot. */
interface ProductMarketState {
  productId: string;
  trades: TradeView[];
  day: [number, number, number][];
  volumeLots: number;
  last: LastTrade | null;
  candles: [Granularity, Candle[]][];
}

/** The whole projection as plain JSON: what a snapshot saves so a restart need not replay every trade. */
export interface MarketDataState {
  lastSeq: number;
  markets: ProductMarketState[];
}

class ProductMarket {
  readonly trades: TradeView[] = [];
  /** Trades of the last 24 hours (of journal time), oldest first, as [time, ticks, lots]. */
  private day: [number, number, number][] = [];
  private dayHead = 0;
  private volumeLots = 0;
  last: LastTrade | undefined;
  readonly candles = new Map<Granularity, Candle[]>(GRANULARITIES.map((g) => [g, []]));

  constructor(readonly product: Product) {}

  exportState(): ProductMarketState {
    return {
      productId: this.product.id,
      trades: this.trades.map((trade) => ({ ...trade })),
      day: this.day.slice(this.dayHead).map(([time, ticks, lots]) => [time, ticks, lots]),
      volumeLots: this.volumeLots,
      last: this.last === undefined ? null : { ...this.last },
      candles: [...this.candles].map(([granularity, candles]) => [granularity, candles.map((candle) => ({ ...candle }))]),
    };
  }

  importState(state: ProductMarketState): void {
    this.trades.push(...state.trades);
    this.day = state.day;
    this.volumeLots = state.volumeLots;
    this.last = state.last ?? undefined;
    for (const [granularity, candles] of state.candles) this.candles.set(granularity, candles);
  }

  add(trade: TradeEvent): TradeView {
    const view: TradeView = {
      tradeId: trade.tradeId,
      productId: trade.productId,
      time: trade.time,
      price: canonicalDecimal(this.product.formatPrice(trade.price)),
      size: canonicalDecimal(this.product.formatSize(trade.size)),
      side: trade.side,
      makerOrderId: trade.makerOrderId,
      takerOrderId: trade.takerOrderId,
    };
    this.trades.push(view);
    if (this.trades.length > TRADES_KEPT * 2) this.trades.splice(0, this.trades.length - TRADES_KEPT);
    this.last = { productId: trade.productId, price: trade.price, side: trade.side, time: trade.time, tradeId: trade.tradeId };
    this.day.push([trade.time, trade.price, trade.size]);
    this.volumeLots += trade.size;
    for (const granularity of GRANULARITIES) this.addToCandle(granularity, trade);
    return view;
  }

  ticker(): TickerView | undefined {
    const last = this.last;
    if (last === undefined) return undefined;
    // The window ends at the last trade's journal time: no wall clock in projections.
    while (this.dayHead < this.day.length && this.day[this.dayHead][0] <= last.time - DAY_MS) {
      this.volumeLots -= this.day[this.dayHead][2];
      this.dayHead += 1;
    }
    if (this.dayHead > 1024 && this.dayHead * 2 > this.day.length) {
      this.day.splice(0, this.dayHead);
      this.dayHead = 0;
    }
    let high = 0;
    let low = Number.MAX_SAFE_INTEGER;
    for (let i = this.dayHead; i < this.day.length; i++) {
      const ticks = this.day[i][1];
      if (ticks > high) high = ticks;
      if (ticks < low) low = ticks;
    }
    const price = (ticks: number) => canonicalDecimal(this.product.formatPrice(ticks));
    return {
      productId: last.productId,
      price: price(last.price),
      open24h: price(this.day[this.dayHead][1]),
      high24h: price(high),
      low24h: price(low),
      volume24h: canonicalDecimal(this.product.formatSize(this.volumeLots)),
      side: last.side,
      time: last.time,
      tradeId: last.tradeId,
    };
  }

  candleRows(granularity: Granularity, limit: number): CandleRow[] {
    const candles = this.candles.get(granularity) ?? [];
    const rows: CandleRow[] = [];
    const price = (ticks: number) => Number(this.product.formatPrice(ticks));
    for (let i = candles.length - 1; i >= 0 && rows.length < limit; i--) {
      const c = candles[i];
      rows.push([c.start, price(c.low), price(c.high), price(c.open), price(c.close), Number(this.product.formatSize(c.volume))]);
    }
    return rows;
  }

  private addToCandle(granularity: Granularity, trade: TradeEvent): void {
    const candles = this.candles.get(granularity);
    if (candles === undefined) return;
    const start = Math.floor(trade.time / 1000 / granularity) * granularity;
    const current = candles[candles.length - 1];
    if (current !== undefined && current.start === start) {
      if (trade.price > current.high) current.high = trade.price;
      if (trade.price < current.low) current.low = trade.price;
      current.close = trade.price;
      current.volume += trade.size;
      return;
    }
    candles.push({ start, low: trade.price, high: trade.price, open: trade.price, close: trade.price, volume: trade.size });
    if (candles.length > CANDLES_KEPT * 2) candles.splice(0, candles.length - CANDLES_KEPT);
  }
}

/**
 * Recent trades, the 24-hour ticker and candles per product, from trade events.
 * In memory and rebuilt from the journal at start-up; a result is applied once
 * (by sequence), so a replay never double-counts.
 */
export class MarketData {
  private readonly markets = new Map<string, ProductMarket>();
  private lastSeq = 0;

  constructor(private readonly productOf: (productId: string) => Product | undefined) {}

  /** The trades of one result, as views; empty when it was applied before or traded nothing. */
  apply(result: CommandResult): TradeView[] {
    if (result.seq <= this.lastSeq) return [];
    this.lastSeq = result.seq;
    const views: TradeView[] = [];
    for (const event of result.events) {
      if (event.type !== 'trade') continue;
      views.push(this.market(event.productId).add(event));
    }
    return views;
  }

  exportState(): MarketDataState {
    return { lastSeq: this.lastSeq, markets: [...this.markets.values()].map((market) => market.exportState()) };
  }

  /** Takes over a state `exportState` gave (into a fresh projection). */
  importState(state: MarketDataState): void {
    if (this.lastSeq !== 0 || this.markets.size > 0) throw new Error('market data can only be restored into an empty projection');
    for (const saved of state.markets) this.market(saved.productId).importState(saved);
    this.lastSeq = state.lastSeq;
  }

  /** Newest first. */
  trades(productId: string, limit = 100): TradeView[] {
    const trades = this.markets.get(productId)?.trades ?? [];
    return trades.slice(-limit).reverse();
  }

  ticker(productId: string): TickerView | undefined {
    return this.markets.get(productId)?.ticker();
  }

  /** Newest first. */
  candles(productId: string, granularity: Granularity, limit = 300): CandleRow[] {
    return this.markets.get(productId)?.candleRows(granularity, limit) ?? [];
  }

  private market(productId: string): ProductMarket {
    let market = this.markets.get(productId);
    if (market === undefined) {
      const product = this.productOf(productId);
      if (product === undefined) throw new Error(`trade in unknown product ${productId}`);
      market = new ProductMarket(product);
      this.markets.set(productId, market);
    }
    return market;
  }
}
