/// <reference lib="dom" />
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, describeError, onAsync, session, signInHref, startPage, type User } from '@mosaic/kit-ui/client';
import { CandleChart, type Bar } from './candle-chart';
import { Feed, type FeedMessage } from './feed';
import { TestFundsButton } from './test-funds-button';
import './exchange-page.css';

interface Product {
  id: string;
  baseCurrency: string;
  quoteCurrency: string;
  baseMinSize: string;
  quoteIncrement: string;
}
interface Trade {
  tradeId: number;
  time: string;
  price: string;
  size: string;
  side: 'buy' | 'sell';
}
interface Order {
  id: string;
  productId: string;
  side: 'buy' | 'sell';
  type?: string;
  orderType?: string;
  price: string;
  size: string;
  filledSize: string;
  status: string;
}
interface Balance {
  currency: string;
  available: string;
  hold: string;
}

const LEVELS = 12;

function sortedLevels(levels: Map<string, string>, descending: boolean): [string, string][] {
  const rows = [...levels].sort((a, b) => Number(a[0]) - Number(b[0]));
  if (descending) rows.reverse();
  return rows.slice(0, LEVELS);
}

function addTradeToBars(bars: Bar[], trade: { price: string; time: string }): Bar[] {
  const price = Number(trade.price);
  const time = Math.floor(Date.parse(trade.time) / 60_000) * 60;
  const last = bars[bars.length - 1];
  if (last !== undefined && last.time === time) {
    return [...bars.slice(0, -1), { ...last, high: Math.max(last.high, price), low: Math.min(last.low, price), close: price }];
  }
  if (last !== undefined && last.time > time) return bars;
  return [...bars, { time, open: price, high: price, low: price, close: price }];
}

/** `testDeposits`: the API lets signed-in users fund themselves (EXCHANGE_TEST_DEPOSITS), as the server rendered it. */
function ExchangePage({ testDeposits }: { testDeposits: boolean }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [products, setProducts] = useState<Product[]>([]);
  const [productId, setProductId] = useState('BTC-USDT');
  const [bids, setBids] = useState(new Map<string, string>());
  const [asks, setAsks] = useState(new Map<string, string>());
  const [trades, setTrades] = useState<Trade[]>([]);
  const [bars, setBars] = useState<Bar[]>([]);
  const [orders, setOrders] = useState(new Map<string, Order>());
  const [balances, setBalances] = useState(new Map<string, Balance>());
  const [message, setMessage] = useState('');
  const feed = useRef<Feed>();
  const current = useRef(productId);
  current.current = productId;

  const product = products.find((p) => p.id === productId);
  // Admins may always credit themselves; anyone else only in test mode.
  const mayFundSelf = testDeposits || (user?.roles?.includes('admin') ?? false);

  useEffect(() => session.subscribe(setUser), []);
  useEffect(() => {
    void api<Product[]>('/api/products').then(setProducts);
  }, []);

  // The feed lives as long as the page; its handler reads the product through a ref.
  useEffect(() => {
    const onMessage = (m: FeedMessage) => {
      if (m.type === 'snapshot' && m.productId === current.current) {
        setBids(new Map(m.bids as [string, string][]));
        setAsks(new Map(m.asks as [string, string][]));
      } else if (m.type === 'l2update' && m.productId === current.current) {
        const changes = m.changes as ['buy' | 'sell', string, string][];
        const apply = (side: 'buy' | 'sell') => (levels: Map<string, string>) => {
          const next = new Map(levels);
          for (const [s, price, size] of changes) {
            if (s !== side) continue;
            if (Number(size) === 0) next.delete(price);
            else next.set(price, size);
          }
          return next;
        };
        setBids(apply('buy'));
        setAsks(apply('sell'));
      } else if (m.type === 'match' && m.productId === current.current) {
        const trade = {
          tradeId: m.tradeId as number,
          time: m.time as string,
          price: m.price as string,
          size: m.size as string,
          side: m.side as 'buy' | 'sell',
        };
        setTrades((list) => [trade, ...list].slice(0, 50));
        setBars((list) => addTradeToBars(list, trade));
      } else if (m.type === 'order') {
        const order = m as unknown as Order;
        setOrders((map) => {
          const next = new Map(map);
          if (order.status === 'open') next.set(order.id, order);
          else next.delete(order.id);
          return next;
        });
      } else if (m.type === 'funds') {
        const funds = m as unknown as Balance & { currencyCode: string };
        setBalances((map) => new Map(map).set(funds.currencyCode, { currency: funds.currencyCode, available: funds.available, hold: funds.hold }));
      }
    };
    feed.current = new Feed(onMessage);
    return () => feed.current?.close();
  }, []);

  useEffect(() => {
    const channel = feed.current;
    if (channel === undefined) return;
    channel.unsubscribeAll();
    setTrades([]);
    setBars([]);
    void api<Trade[]>(`/api/products/${productId}/trades?limit=50`).then(setTrades);
    void api<number[][]>(`/api/products/${productId}/candles?granularity=60`).then((rows) =>
      setBars(rows.map(([time, low, high, open, close]) => ({ time, low, high, open, close })).reverse()),
    );
    channel.subscribe({ product_ids: [productId], channels: ['level2', 'match', 'ticker'] });
    if (user) {
      channel.subscribe({ product_ids: [productId], channels: ['order'] });
      channel.subscribe({ channels: ['funds'] });
      void api<Order[]>(`/api/orders?productId=${productId}&status=open`).then((list) => setOrders(new Map(list.map((o) => [o.id, o]))));
      void api<Balance[]>('/api/accounts').then((list) => setBalances(new Map(list.map((b) => [b.currency, b]))));
    }
  }, [productId, user]);

  const shownAsks = useMemo(() => sortedLevels(asks, false).reverse(), [asks]);
  const shownBids = useMemo(() => sortedLevels(bids, true), [bids]);

  const cancel = async (id: string) => {
    try {
      await api(`/api/orders/${id}`, { method: 'DELETE' });
    } catch (error) {
      setMessage(describeError(error));
    }
  };

  return (
    <div class="exchange">
      <div class="exchange-bar">
        <label>
          Market{' '}
          <select id="product" value={productId} onChange={(e) => setProductId((e.currentTarget as HTMLSelectElement).value)}>
            {products.map((p) => (
              <option value={p.id}>{p.id}</option>
            ))}
          </select>
        </label>
        <span id="last-price" class="last-price">
          {trades[0]?.price ?? '—'}
        </span>
      </div>
      <section class="panel chart-panel">
        <h2>Price</h2>
        <CandleChart bars={bars} />
      </section>
      <section class="panel">
        <h2>Order book</h2>
        <table class="book" id="book">
          <tbody id="book-asks">
            {shownAsks.map(([price, size]) => (
              <tr class="ask">
                <td>{price}</td>
                <td>{size}</td>
              </tr>
            ))}
          </tbody>
          <tbody id="book-bids">
            {shownBids.map(([price, size]) => (
              <tr class="bid">
                <td>{price}</td>
                <td>{size}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel">
        <h2>Recent trades</h2>
        <ul class="trades" id="trades">
          {trades.map((t) => (
            <li class={t.side}>
              <span>{t.price}</span>
              <span>{t.size}</span>
              <time>{new Date(t.time).toLocaleTimeString()}</time>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel">
        <h2>Place an order</h2>
        {user ? <OrderForm product={product} onError={setMessage} /> : <p>Sign in to trade. {signInHref() ? <a href={signInHref()}>Sign in</a> : null}</p>}
        <p class="form-error" id="order-message" role="alert">
          {message}
        </p>
      </section>
      {user ? (
        <>
          <section class="panel">
            <h2>Open orders</h2>
            <ul class="orders" id="open-orders">
              {[...orders.values()]
                .filter((o) => o.productId === productId)
                .map((o) => (
                  <li data-order-id={o.id}>
                    <span class={o.side}>{o.side}</span> {o.size} @ {o.price}{' '}
                    <button type="button" class="cancel" onClick={() => void cancel(o.id)}>
                      Cancel
                    </button>
                  </li>
                ))}
            </ul>
          </section>
          <section class="panel">
            <h2>Balances</h2>
            <table class="balances" id="balances">
              <tbody>
                {[...balances.values()].map((b) => (
                  <tr data-currency={b.currency}>
                    <th>{b.currency}</th>
                    <td class="available">{b.available}</td>
                    <td class="hold">{b.hold}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mayFundSelf ? <TestFundsButton products={products} onFunds={(funds) => setBalances((map) => new Map(map).set(funds.currency, funds))} /> : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

function OrderForm(props: { product: Product | undefined; onError: (message: string) => void }) {
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [type, setType] = useState<'limit' | 'market'>('limit');
  const [busy, setBusy] = useState(false);
  const product = props.product;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!product) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const body =
      type === 'limit' || side === 'sell'
        ? { productId: product.id, side, type, price: type === 'limit' ? field('price') : undefined, size: field('size') }
        : { productId: product.id, side, type, funds: field('funds') };
    setBusy(true);
    props.onError('');
    try {
      await api('/api/orders', { body });
    } catch (error) {
      props.onError(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="order-form" class="order-form" onSubmit={onAsync(submit)}>
      <div class="segmented" role="group" aria-label="Side">
        <button type="button" id="side-buy" aria-pressed={side === 'buy'} onClick={() => setSide('buy')}>
          Buy
        </button>
        <button type="button" id="side-sell" aria-pressed={side === 'sell'} onClick={() => setSide('sell')}>
          Sell
        </button>
      </div>
      <label>
        Type{' '}
        <select id="order-type" value={type} onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as 'limit' | 'market')}>
          <option value="limit">Limit</option>
          <option value="market">Market</option>
        </select>
      </label>
      {type === 'limit' ? (
        <label>
          Price ({product?.quoteCurrency}) <input id="price" name="price" inputMode="decimal" autoComplete="off" />
        </label>
      ) : null}
      {type === 'market' && side === 'buy' ? (
        <label>
          Spend ({product?.quoteCurrency}) <input id="funds" name="funds" inputMode="decimal" autoComplete="off" />
        </label>
      ) : (
        <label>
          Size ({product?.baseCurrency}) <input id="size" name="size" inputMode="decimal" autoComplete="off" />
        </label>
      )}
      <button id="place-order" type="submit" disabled={busy || !product}>
        {side === 'buy' ? 'Buy' : 'Sell'} {product?.baseCurrency}
      </button>
    </form>
  );
}

startPage();
const root = document.getElementById('exchange-app') as HTMLElement;
render(<ExchangePage testDeposits={root.dataset.testDeposits === 'true'} />, root);
