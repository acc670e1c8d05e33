import type { OrderRow, Side } from '@mosaic/exchange-domain';
import type { TickerView, TradeView } from '../projections/market-data';

export interface FundsView {
  currency: string;
  available: string;
  hold: string;
}

/** A book level change: [side, price, size], size "0" when the level is gone. */
export type LevelChange = [Side, string, string];

/** What the exchange pushes as commands are applied, by audience. */
export type FeedMessage =
  | { channel: 'match'; productId: string; trade: TradeView }
  | { channel: 'ticker'; productId: string; ticker: TickerView }
  | { channel: 'level2'; productId: string; seq: number; time: number; changes: LevelChange[] }
  | { channel: 'order'; userId: string; productId: string; order: OrderRow }
  | { channel: 'funds'; userId: string; currency: string; funds: FundsView };

export type FeedListener = (message: FeedMessage) => void;
