import { invalid } from '@mosaic/kit-core';
import type { FillQuery, FillRow, OrderQuery, OrderRow, Product, TransferQuery, TransferRow } from '@mosaic/exchange-domain';
import { canonicalDecimal } from '../shared/decimals';
import type { FundsView } from '../shared/pipeline/feed-messages';
import type { ExchangePipeline } from '../shared/pipeline/exchange-pipeline';
import { isGranularity, type CandleRow, type TickerView, type TradeView } from '../shared/projections/market-data';

export interface BookView {
  productId: string;
  /** The sequence the book is as of. */
  sequence: number;
  bids: [string, string][];
  asks: [string, string][];
}

/** The read side: products, market data, balances and history, each from its projection. */
export class ExchangeReads {
  constructor(private readonly pipeline: ExchangePipeline) {}

  products(): Product[] {
    return this.pipeline.queries.products();
  }

  product(productId: string): Product {
    const product = this.pipeline.queries.product(productId);
    if (product === undefined) throw invalid('unknown_product', `Unknown product ${productId}`, { details: [{ path: 'productId', message: 'not listed' }] });
    return product;
  }

  trades(productId: string, limit: number): TradeView[] {
    return this.pipeline.marketData.trades(this.product(productId).id, limit);
  }

  ticker(productId: string): TickerView | undefined {
    return this.pipeline.marketData.ticker(productId);
  }

  candles(productId: string, granularity: number, limit = 300): CandleRow[] {
    const product = this.product(productId);
    if (!isGranularity(granularity))
      throw invalid('unknown_granularity', `granularity must be one of 60, 300, 900, 1800, 3600, 21600, 86400`, {
        details: [{ path: 'granularity', message: 'unsupported' }],
      });
    return this.pipeline.marketData.candles(product.id, granularity, limit);
  }

  /** Aggregated levels, best first, prices and sizes as canonical decimals. */
  book(productId: string, levels?: number): BookView {
    const product = this.product(productId);
    const depth = this.pipeline.queries.depth(product.id, levels) ?? { bids: [], asks: [] };
    const level = (l: { price: number; size: number }): [string, string] => [
      canonicalDecimal(product.formatPrice(l.price)),
      canonicalDecimal(product.formatSize(l.size)),
    ];
    return { productId: product.id, sequence: this.pipeline.queries.lastSeq, bids: depth.bids.map(level), asks: depth.asks.map(level) };
  }

  /** Balances in the given currencies, or in every traded currency. */
  accounts(userId: string, currencies?: readonly string[]): FundsView[] {
    const known = this.pipeline.queries.currencies().map((c) => c.code);
    const wanted = currencies === undefined || currencies.length === 0 ? known : known.filter((code) => currencies.includes(code));
    return wanted.map((currency) => {
      const balance = this.pipeline.queries.balance(userId, currency);
      return this.pipeline.formatFunds(currency, balance.available, balance.hold);
    });
  }

  async orders(query: OrderQuery): Promise<OrderRow[]> {
    return (await this.pipeline.readHistory()).orders(query);
  }

  async fills(query: FillQuery): Promise<FillRow[]> {
    return (await this.pipeline.readHistory()).fills(query);
  }

  async transfers(query: TransferQuery): Promise<TransferRow[]> {
    return (await this.pipeline.readHistory()).transfers(query);
  }
}
