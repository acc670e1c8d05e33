import { type Clock, type Resource } from '@mosaic/kit-core';
import {
  Product,
  type CommandJournal,
  type CommandResult,
  type EngineSnapshot,
  type ExchangeCommand,
  type OrderHistoryStore,
  type OrderRow,
  type ProductSpec,
  type SnapshotStore,
} from '@mosaic/exchange-domain';
import { canonicalDecimal, formatUnits } from '../decimals';
import { ExchangeService, type ExchangeQueries, type Submission } from '../engine/exchange-service';
import { DEFAULT_MARKETS } from '../markets/default-markets';
import { HistoryProjection } from '../projections/history-projection';
import { HistoryWriter } from '../projections/history-writer';
import { MarketData } from '../projections/market-data';
import type { FeedListener, FeedMessage, FundsView, LevelChange } from './feed-messages';
import { captureProjections, restoreProjections, type Projections } from './projection-snapshot';

/** How many order rows an instance that does not write the history keeps for its own answers. */
const RECENT_ORDERS = 10_000;

export interface ExchangePipelineOptions {
  journal: CommandJournal;
  history: OrderHistoryStore;
  clock?: Clock;
  /** Listed at start when missing; default BTC-USDT and ETH-USDT. */
  markets?: readonly ProductSpec[];
  /**
   * Where engine snapshots (with the projections) are saved, and restarts begin:
   * the latest usable one plus the journal after it. Without it every start replays the whole journal.
   */
  snapshots?: SnapshotStore;
  /** A snapshot after this many commands (default 100,000; 0: by time only). */
  snapshotEvery?: number;
  /** A snapshot when this long has passed since the last, if commands came in meanwhile (default: by count only). */
  snapshotEveryMs?: number;
  /** Background failures, and a snapshot that cannot serve a restart (the start then replays the whole journal). */
  onError?: (error: unknown) => void;
  /** A hot standby on a shared journal: projections follow the leader until `promote`. */
  standby?: boolean;
  /** False: `history` is only read here; another process (the projector) writes it from the journal. Default true. */
  writeHistory?: boolean;
  /** True: a history batch the store refuses stops the history writing until a restart (see `HistoryWriter`); for the projector. */
  haltHistoryOnFailure?: boolean;
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
  /**
   * When another process writes the history: the rows of the orders this instance
   * changed last (at most RECENT_ORDERS), so the answer to a place or cancel never
   * waits for that process.
   */
  private readonly recentOrders = new Map<number, OrderRow>();

  private constructor(
    private readonly history: OrderHistoryStore,
    readonly marketData: MarketData,
    private readonly projection: HistoryProjection,
    private readonly writer: HistoryWriter,
    private readonly onError: (error: unknown) => void,
    private readonly products: Map<string, Product>,
    private readonly scales: Map<string, number>,
    private readonly writeHistory: boolean,
  ) {}

  static async open(options: ExchangePipelineOptions): Promise<ExchangePipeline> {
    const onError = options.onError ?? (() => undefined);
    const { start, projections } = await startingPoint(options, onError);
    const writer = new HistoryWriter(options.history, onError, options.haltHistoryOnFailure === true);
    const pipeline: ExchangePipeline = new ExchangePipeline(
      options.history,
      projections.marketData,
      projections.projection,
      writer,
      onError,
      projections.products,
      projections.scales,
      options.writeHistory !== false,
    );
    const historySeq = await options.history.lastSeq();
    const store = options.snapshots;
    pipeline.service = await ExchangeService.open({
      journal: options.journal,
      clock: options.clock,
      // Every client order id is remembered, rebuilt from the whole journal at start (reading it, not applying it).
      dedupWindow: Infinity,
      // Recovery begins at the snapshot chosen above (whose projections are already restored), or replays everything.
      snapshots: store === undefined ? undefined : { save: (snapshot) => store.save(snapshot), latest: async () => start },
      snapshotEvery: store === undefined ? 0 : (options.snapshotEvery ?? 100_000),
      snapshotEveryMs: options.snapshotEveryMs,
      attachment: () => captureProjections(projections, options.history, writer),
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

  /** Saves a snapshot (engine and projections) now; resolves with its sequence number. */
  snapshotNow(): Promise<number> {
    return this.service.snapshotNow();
  }

  /** How this start went: the snapshot it began from (0: none) and how many journal records it applied. */
  get recovery(): { snapshotSeq: number; replayed: number } {
    return this.service.recovery;
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

  /** An order's row as of the last change this instance applied, else as the history store holds it. */
  async order(orderId: number): Promise<OrderRow | undefined> {
    return this.recentOrders.get(orderId) ?? (await this.readHistory()).order(orderId);
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

  private keepRecent(orders: readonly OrderRow[]): void {
    for (const order of orders) {
      // Re-inserted so the map's order stays oldest change first.
      this.recentOrders.delete(order.id);
      this.recentOrders.set(order.id, order);
    }
    for (const [id] of this.recentOrders) {
      if (this.recentOrders.size <= RECENT_ORDERS) break;
      this.recentOrders.delete(id);
    }
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
    if (change !== undefined && change.seq > historySeq) {
      if (this.writeHistory) this.writer.push(change);
      else this.keepRecent(change.orders);
    }
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
        messages.push({
          channel: 'funds',
          userId: event.userId,
          currency: event.currency,
          funds: this.formatFunds(event.currency, event.available, event.hold),
        });
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

/**
 * The latest snapshot whose projections can be restored, with them; else none
 * and empty projections, for a replay of the whole journal. A snapshot that
 * cannot serve is reported, never deleted; nothing in the journal is touched.
 */
async function startingPoint(
  options: ExchangePipelineOptions,
  onError: (error: unknown) => void,
): Promise<{ start: EngineSnapshot | undefined; projections: Projections }> {
  const snapshot = await options.snapshots?.latest();
  if (snapshot !== undefined) {
    try {
      return { start: snapshot, projections: await restoreProjections(snapshot, options.history) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      onError(new Error(`exchange snapshot ${snapshot.seq} cannot serve this start (${reason}); replaying the whole journal instead`, { cause: error }));
    }
  }
  const products = new Map<string, Product>();
  const scales = new Map<string, number>();
  const productOf = (id: string): Product | undefined => products.get(id);
  return {
    start: undefined,
    projections: {
      products,
      scales,
      marketData: new MarketData(productOf),
      projection: new HistoryProjection({ product: productOf, scaleOf: (currency) => scales.get(currency) }),
    },
  };
}
