import { Product, type EngineSnapshot, type HistoryChange, type OrderHistoryStore, type SnapshotAttachment } from '@mosaic/exchange-domain';
import { HistoryProjection, type LiveOrderState } from '../projections/history-projection';
import type { HistoryWriter } from '../projections/history-writer';
import { MarketData, type MarketDataState } from '../projections/market-data';

/**
 * The pipeline's projections saved with an engine snapshot, at its sequence, so
 * a restart starts from the snapshot and replays only the journal after it:
 *
 * - market data (trades, ticker window, candles) and the open orders the history
 *   projection tracks, as they are;
 * - the history store: a store that keeps nothing itself (memory) is saved whole
 *   (`dump`); for any store, the changes handed to its writer but not yet
 *   confirmed are saved too, and `writtenThrough` says up to where the store
 *   itself must already hold everything for the snapshot to be usable.
 */
interface ProjectionState {
  version: 1;
  writtenThrough: number;
  dump: HistoryChange | null;
  unwritten: HistoryChange[];
  live: LiveOrderState[];
  market: MarketDataState;
}

export interface Projections {
  products: Map<string, Product>;
  scales: Map<string, number>;
  marketData: MarketData;
  projection: HistoryProjection;
}

/** The projections as they are now; undefined when they cannot be saved faithfully (the history writer dropped changes). */
export function captureProjections(projections: Projections, history: OrderHistoryStore, writer: HistoryWriter): SnapshotAttachment | undefined {
  if (!writer.healthy) return undefined;
  const state: ProjectionState = {
    version: 1,
    writtenThrough: writer.writtenSeq,
    dump: history.dump?.() ?? null,
    unwritten: writer.unwritten(),
    live: projections.projection.exportLive(),
    market: projections.marketData.exportState(),
  };
  // Plain JSON from here on: nothing shared with the live projections.
  return { projections: JSON.parse(JSON.stringify(state)) as unknown };
}

/**
 * Rebuilds the projections a snapshot carries into fresh objects and brings the
 * history store up to the snapshot. Throws, changing nothing, when the snapshot
 * cannot serve (no projections saved, another format, a store missing rows the
 * snapshot counts on): the caller then replays the whole journal instead.
 */
export async function restoreProjections(snapshot: EngineSnapshot, history: OrderHistoryStore): Promise<Projections> {
  const state = snapshot.attachment?.['projections'] as ProjectionState | undefined;
  if (state === undefined) throw new Error('it carries no projections');
  if (state.version !== 1) throw new Error(`its projections are in format ${String(state.version)}`);
  const products = new Map<string, Product>();
  const scales = new Map<string, number>();
  for (const spec of snapshot.products) {
    const product = Product.define(spec);
    products.set(product.id, product);
    scales.set(product.baseCurrency, product.baseScale);
    scales.set(product.quoteCurrency, product.quoteScale);
  }
  const productOf = (id: string) => products.get(id);
  const marketData = new MarketData(productOf);
  marketData.importState(state.market);
  const projection = new HistoryProjection({ product: productOf, scaleOf: (currency) => scales.get(currency) });
  projection.importLive(state.live);

  // The store last: everything above is checked before it changes.
  const held = Math.max(await history.lastSeq(), state.dump?.seq ?? 0);
  if (held < state.writtenThrough)
    throw new Error(`the history store ends at change ${held}, before change ${state.writtenThrough} that the snapshot counts on`);
  const missing = [...(state.dump === null ? [] : [state.dump]), ...state.unwritten];
  // A store another process writes (the projector) is left alone: this instance saved nothing for it.
  if (missing.length > 0) await history.apply(missing);
  return { products, scales, marketData, projection };
}
