import type { UserAccounts } from '@mosaic/exchange-domain';
import { GRANULARITIES, type ExchangeUseCases, type FeedMessage } from '@mosaic/exchange-usecase';
import { invalid } from '@mosaic/kit-core';
import { createWsServer, type WsConnection, type WsServer } from '@mosaic/kit-ws';
import type { Server } from 'node:http';
import { tokenFromCookie } from '../http/session';
import { fundsJson, iso, matchJson, orderPush, tickerJson } from '../http/presenters';
import { ConnectionSubscriptions, PRIVATE_CHANNELS, PRODUCT_CHANNELS, subscribeMessage, type SubscribeMessage } from './subscriptions';

export interface MarketFeedOptions {
  server: Server;
  /** The reads and the pipeline's feed are all it uses. */
  useCases: Pick<ExchangeUseCases, 'reads' | 'pipeline'>;
  /** Who may subscribe to the private `order` and `funds`; without users (the projector) only the public channels are served. */
  users?: UserAccounts;
  path?: string;
  /** Bytes a slow client may fall behind before it is closed (code 1013). */
  maxBufferedBytes?: number;
}

const KNOWN_CHANNELS = new Set<string>([...PRODUCT_CHANNELS, 'funds']);
const CANDLE_CHANNEL = /^candles_(\d+)$/;

/**
 * The gitbitex-compatible feed on `/ws`: market channels by product, and the
 * subscriber's own `order` and `funds` (authenticated by the `token` of the
 * subscribe message). Messages are serialised once and sent to every subscriber;
 * a client that reads too slowly is closed rather than buffered without bound.
 * Without `users` the feed is market data only: a private channel answers an error frame.
 */
export function attachMarketFeed(options: MarketFeedOptions): WsServer {
  const { useCases, users } = options;
  const { reads, pipeline } = useCases;
  const states = new Map<WsConnection, ConnectionSubscriptions>();
  /** channel → key → connections, so a push touches only its subscribers. */
  const index = new Map<string, Map<string, Set<WsConnection>>>();

  const subscribers = (channel: string, key: string): Set<WsConnection> | undefined => index.get(channel)?.get(key);
  const enroll = (connection: WsConnection, channel: string, key: string, on: boolean): void => {
    let byKey = index.get(channel);
    if (byKey === undefined) index.set(channel, (byKey = new Map()));
    let set = byKey.get(key);
    if (set === undefined) byKey.set(key, (set = new Set()));
    if (on) set.add(connection);
    else {
      set.delete(connection);
      if (set.size === 0) byKey.delete(key);
    }
  };

  /** Sends to every target (that `only` accepts) the message `build` makes, built and serialised once, and only if someone gets it. */
  const broadcast = (targets: Iterable<WsConnection> | undefined, build: () => unknown, only?: (connection: WsConnection) => boolean): void => {
    if (targets === undefined) return;
    let text: string | undefined;
    for (const connection of targets) {
      if (only !== undefined && !only(connection)) continue;
      text ??= JSON.stringify(build());
      connection.send(text);
    }
  };

  const ownedBy = (userId: string) => (connection: WsConnection) => states.get(connection)?.userId === userId;

  const onFeed = (message: FeedMessage): void => {
    switch (message.channel) {
      case 'match': {
        broadcast(subscribers('match', message.productId), () => matchJson(message.trade));
        const candle = () => ({ productId: message.productId, price: message.trade.price, size: message.trade.size, time: iso(message.trade.time) });
        for (const granularity of GRANULARITIES) {
          const channel = `candles_${granularity}`;
          broadcast(subscribers(channel, message.productId), () => ({ type: channel, ...candle() }));
        }
        break;
      }
      case 'ticker':
        broadcast(subscribers('ticker', message.productId), () => tickerJson(message.ticker));
        break;
      case 'level2':
        broadcast(subscribers('level2', message.productId), () => ({
          type: 'l2update',
          productId: message.productId,
          sequence: message.seq,
          time: iso(message.time),
          changes: message.changes,
        }));
        break;
      case 'order':
        broadcast(subscribers('order', message.productId), () => orderPush(message.order), ownedBy(message.userId));
        break;
      case 'funds':
        broadcast(
          subscribers('funds', message.currency),
          () => ({ type: 'funds', currencyCode: message.currency, ...fundsJson(message.funds) }),
          ownedBy(message.userId),
        );
        break;
    }
  };

  const subscribe = async (connection: WsConnection, state: ConnectionSubscriptions, message: SubscribeMessage): Promise<void> => {
    if (message.token !== undefined && users !== undefined) {
      const claims = await users.verifier.verify(message.token).catch(() => undefined);
      if (claims === undefined)
        connection.send({ type: 'error', code: 'invalid_token', message: 'The token is invalid or expired; private channels need a valid one' });
      else state.userId = claims.userId;
    }
    const products = new Set(reads.products().map((product) => product.id));
    const currencies = new Set(pipeline.queries.currencies().map((currency) => currency.code));
    const snapshots: string[] = [];
    const tickers: string[] = [];
    for (const entry of message.channels) {
      const name = typeof entry === 'string' ? entry : entry.name;
      const candle = CANDLE_CHANNEL.exec(name);
      if (candle && !KNOWN_CHANNELS.has(name)) {
        connection.send({ type: 'error', code: 'unknown_granularity', message: `${name}: granularity must be one of ${GRANULARITIES.join(', ')}` });
        continue;
      }
      // Unknown names (the client also subscribes to a plain `candles`) are ignored.
      if (!KNOWN_CHANNELS.has(name)) continue;
      if (PRIVATE_CHANNELS.has(name) && users === undefined) {
        if (message.type === 'subscribe')
          connection.send({ type: 'error', code: 'not_served_here', message: `The ${name} channel is not served here: this feed carries market data only` });
        continue;
      }
      if (PRIVATE_CHANNELS.has(name) && state.userId === undefined) {
        if (message.type === 'subscribe')
          connection.send({ type: 'error', code: 'unauthenticated', message: `The ${name} channel needs the token of a signed-in user` });
        if (message.type === 'subscribe') continue;
      }
      const requested =
        name === 'funds'
          ? (message.currency_ids ?? [...currencies])
          : ((typeof entry === 'string' ? undefined : entry.product_ids) ?? message.product_ids ?? []);
      const known = name === 'funds' ? currencies : products;
      const keys = requested.filter((key) => known.has(key));
      for (const key of requested) {
        if (!known.has(key))
          connection.send({
            type: 'error',
            code: name === 'funds' ? 'unknown_currency' : 'unknown_product',
            message: `Unknown ${name === 'funds' ? 'currency' : 'product'} ${key}`,
          });
      }
      if (message.type === 'unsubscribe') {
        const removed = typeof entry === 'string' && message.product_ids === undefined && name !== 'funds' ? [...(state.channels.get(name) ?? [])] : keys;
        for (const key of removed) enroll(connection, name, key, false);
        state.remove(name, removed);
        continue;
      }
      state.add(name, keys);
      for (const key of keys) enroll(connection, name, key, true);
      if (name === 'level2') snapshots.push(...keys);
      if (name === 'ticker') tickers.push(...keys);
    }
    connection.send(state.reply());
    // Every level2 subscribe gets a fresh snapshot: the client builds its book only from it.
    for (const productId of snapshots) {
      const book = reads.book(productId);
      connection.send({ type: 'snapshot', productId, sequence: book.sequence, bids: book.bids, asks: book.asks });
    }
    for (const productId of tickers) {
      const ticker = reads.ticker(productId);
      if (ticker !== undefined) connection.send(tickerJson(ticker));
    }
  };

  const ws = createWsServer({
    server: options.server,
    path: options.path ?? '/ws',
    maxBufferedBytes: options.maxBufferedBytes,
    slowConsumer: 'close',
    // A browser's session cookie signs the socket in at the upgrade; a bad one just leaves it anonymous.
    authenticate: async (request) => {
      if (users === undefined) return undefined;
      const token = tokenFromCookie(request.headers.cookie);
      const claims = token === undefined ? undefined : await users.verifier.verify(token).catch(() => undefined);
      return claims === undefined ? undefined : { id: claims.userId, email: claims.email, roles: claims.roles };
    },
    onOpen: (connection) => {
      const state = new ConnectionSubscriptions();
      state.userId = connection.principal?.id;
      states.set(connection, state);
    },
    onClose: (connection) => {
      const state = states.get(connection);
      states.delete(connection);
      for (const [channel, keys] of state?.channels ?? []) for (const key of keys) enroll(connection, channel, key, false);
    },
    onMessage: async (connection, raw) => {
      const state = states.get(connection);
      if (state === undefined) return;
      const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
      if (type === 'ping') {
        connection.send({ type: 'pong' });
        return;
      }
      if (type !== 'subscribe' && type !== 'unsubscribe') throw invalid('unknown_type', 'type must be subscribe, unsubscribe or ping');
      const parsed = subscribeMessage.safeParse(raw);
      if (!parsed.success)
        throw invalid(
          'malformed_message',
          `Malformed ${type}: ${parsed.error.issues[0]?.path.join('.') || 'message'} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
        );
      await subscribe(connection, state, parsed.data);
    },
  });
  const unsubscribeFeed = pipeline.subscribe(onFeed);
  const close = ws.close.bind(ws);
  return {
    ...ws,
    connections: ws.connections,
    close: async () => {
      unsubscribeFeed();
      await close();
    },
  };
}
