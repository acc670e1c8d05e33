import { type Clock, type Resource } from '@mosaic/kit-core';
import { Product, type CommandJournal, type CommandResult, type ExchangeCommand, type OrderHistoryStore, type ProductSpec } from '@mosaic/exchange-domain';
import { canonicalDecimal, formatUnits } from '../edge/decimals';
import { ExchangeService, type ExchangeQueries, type Submission } from '../lib/exchange-service';
import { DEFAULT_MARKETS } from '../markets/default-markets';
import { HistoryProjection } from '../projections/history-projection';
import { HistoryWriter } from '../projections/history-writer';
import { MarketData } from '../projections/market-data';
import type { FeedListener, FeedMessage, FundsView, LevelChange } from './feed-messages';

export interface ExchangePipelineOptions {
  journal: CommandJournal;
  history: OrderHistoryStore;
  clock?: Clock;
  /** Listed at start when missing; default BTC-USDT and ETH-USDT. */
  markets?: readonly ProductSpec[];
  onError?: (error: unknown) => void;
  /** A hot standby on a shared journal: projections follow the leader until `promote`. */
  standby?: boolean;
}

/**
 * The exchange's whole write and read path in one process: commands are
 * validated, sequenced and appended to the journal, acknowledged once durable
 * and applied; each result then feeds the projections (history, market data) and
 * the pushes. Start-up replays the journal from its first record, which rebuilds
 * the engine, the in-memory projections and the client-order-id index; a durable
 * history store skips what it already holds (idempotent by sequence).
 */
export class ExchangePipeline implements Resource {
  readonly name = 'exchange-pipeline';
  private readonly listeners = new Set<FeedListener>();
  private service!: ExchangeService;
  private markets: readonly ProductSpec[] = DEFAULT_MARKETS;

  private constructor(
    private readonly history: OrderHistoryStore,
    readonly marketData: MarketData,
    private readonly projection: HistoryProjection,
    private readonly writer: HistoryWriter,
    private readonly onError: (error: unknown) => void,
    private readonly products: Map<string, Product>,
    private readonly scales: Map<string, number>,
  ) {}

  static async open(options: ExchangePipelineOptions): Promise<ExchangePipeline> {
    const onError = options.onError ?? (() => undefined);
    const products = new Map<string, Product>();
    const scales = new Map<string, number>();
    const productOf = (id: string): Product | undefined => products.get(id);
    const pipeline: ExchangePipeline = new ExchangePipeline(
      options.history,
      new MarketData(productOf),
      new HistoryProjection({ product: productOf, scaleOf: (currency) => scales.get(currency) }),
      new HistoryWriter(options.history, onError),
      onError,
      products,
      scales,
    );
    const historySeq = await options.history.lastSeq();
    pipeline.service = await ExchangeService.open({
      journal: options.journal,
      clock: options.clock,
      // Every client order id is remembered, rebuilt from the whole journal at start.
      dedupWindow: Infinity,
      // Projections are rebuilt by replaying results from the first record, so start-up replays it all.
      snapshotEvery: 0,
      onError,
      standby: options.standby,
      onRecovered: (result) => pipeline.project(result, historySeq, false),
    });
    pipeline.service.subscribe((result) => pipeline.project(result, 0, true));
    pipeline.markets = options.markets ?? DEFAULT_MARKETS;
    if (!pipeline.service.isStandby) await pipeline.listMarkets();
    await pipeline.writer.caughtUp();
    return pipeline;
  }

  /** The standby becomes the sequencer (see `ExchangeService.promote`), and lists the markets if the journal has none yet. */
  async promote(): Promise<void> {
    await this.service.promote();
    await this.listMarkets();
  }

  /** The leader lost its role: it stops answering commands. */
  abdicate(reason: string): void {
    this.service.abdicate(reason);
  }

  get isStandby(): boolean {
    return this.service.isStandby;
  }

  private async listMarkets(): Promise<void> {
    for (const spec of this.markets) {
      if (this.service.queries.product(spec.id) === undefined) await this.service.submit({ type: 'put_product', product: spec });
    }
  }

  get queries(): ExchangeQueries {
    return this.service.queries;
  }

  /** Sequences, journals and applies a command; see `ExchangeService.submit`. */
  submit(command: ExchangeCommand): Promise<Submission> {
    return this.service.submit(command);
  }

  /** The history store, once every acknowledged change has reached it. */
  async readHistory(): Promise<OrderHistoryStore> {
    await this.writer.caughtUp();
    return this.history;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  scaleOf(currency: string): number | undefined {
    return this.scales.get(currency);
  }

  formatFunds(currency: string, available: bigint, hold: bigint): FundsView {
    const scale = this.scaleOf(currency) ?? 0;
    return { currency, available: formatUnits(available, scale), hold: formatUnits(hold, scale) };
  }

  async check(): Promise<void> {
    await this.service.check();
  }

  async close(): Promise<void> {
    await this.service.close();
    await this.writer.caughtUp().catch(() => undefined);
  }

  /** Products and currency scales, from the engine's own product events. */
  private learnProducts(result: CommandResult): void {
    for (const event of result.events) {
      if (event.type !== 'product') continue;
      this.products.set(event.product.id, Product.define(event.product));
      this.scales.set(event.product.baseCurrency, event.product.baseScale);
      this.scales.set(event.product.quoteCurrency, event.product.quoteScale);
    }
  }

  private project(result: CommandResult, historySeq: number, live: boolean): void {
    this.learnProducts(result);
    const trades = this.marketData.apply(result);
    const change = this.projection.project(result);
    if (change !== undefined && change.seq > historySeq) this.writer.push(change);
    if (!live || this.listeners.size === 0 || !result.accepted) return;
    const messages: FeedMessage[] = [];
    for (const trade of trades) messages.push({ channel: 'match', productId: trade.productId, trade });
    const tickers = new Set(trades.map((trade) => trade.productId));
    for (const productId of tickers) {
      const ticker = this.marketData.ticker(productId);
      if (ticker !== undefined) messages.push({ channel: 'ticker', productId, ticker });
    }
    const levels = new Map<string, LevelChange[]>();
    for (const event of result.events) {
      if (event.type === 'book') {
        const product = this.products.get(event.productId);
        if (product === undefined) continue;
        const changes = levels.get(event.productId) ?? [];
        changes.push([event.side, canonicalDecimal(product.formatPrice(event.price)), canonicalDecimal(product.formatSize(event.size))]);
        levels.set(event.productId, changes);
      } else if (event.type === 'balance') {
        messages.push({ channel: 'funds', userId: event.userId, currency: event.currency, funds: this.formatFunds(event.currency, event.available, event.hold) });
      }
    }
    for (const [productId, changes] of levels) messages.push({ channel: 'level2', productId, seq: result.seq, time: result.time, changes });
    for (const order of change?.orders ?? []) messages.push({ channel: 'order', userId: order.userId, productId: order.productId, order });
    for (const message of messages) {
      for (const listener of this.listeners) {
        try {
          listener(message);
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }
}
