import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeError, session, startPage, toast, type User } from '@mosaic/kit-ui/client';
import { countdown } from './countdown';
import { flashsaleApi, type BasketJson, type ItemJson, type OrderJson, type SaleJson } from './flashsale-api';
import './flashsale-page.css';

/** Polling is the fallback, while the pushed counts cannot be had. */
const POLL_MS = 2_000;
/** How often the page asks which sale is on, to notice the next one. */
const ACTIVE_SALE_MS = 30_000;
const GUEST_KEY = 'flashsale.guest';

function guestName(): string {
  const stored = localStorage.getItem(GUEST_KEY);
  if (stored) return stored;
  const name = `guest-${Math.random().toString(36).slice(2, 8)}`;
  localStorage.setItem(GUEST_KEY, name);
  return name;
}

/** The live sale: items left (pushed, polled when the push is down), countdowns, items to add, the basket, and the shopper's orders. */
function FlashSale() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [guest, setGuest] = useState(guestName);
  const [sale, setSale] = useState<SaleJson | null | undefined>(undefined);
  const [items, setItems] = useState<ItemJson[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [basket, setBasket] = useState<BasketJson | null>(null);
  const [orders, setOrders] = useState<OrderJson[]>([]);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const shopper = user ? null : guest;

  useEffect(() => session.subscribe(setUser), []);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const refresh = () =>
      flashsaleApi
        .activeSale()
        .then(setSale)
        .catch(() => setSale(null));
    void refresh();
    // refresh catches its own failure (no sale shown), so nothing is left to await.
    const poll = setInterval(() => void refresh(), ACTIVE_SALE_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, []);
  useEffect(() => {
    if (!sale) return;
    const id = sale.id;
    const counts = (next: { sold: number; remaining: number }) =>
      setSale((current) => (current && current.id === id ? { ...current, sold: next.sold, remaining: next.remaining } : current));
    let fallback: ReturnType<typeof setInterval> | undefined;
    const stream = new EventSource(flashsaleApi.liveUrl(id));
    stream.onmessage = (event: MessageEvent<string>) => {
      clearInterval(fallback);
      fallback = undefined;
      counts(JSON.parse(event.data) as { sold: number; remaining: number });
    };
    // The browser reconnects by itself; until it does, poll.
    stream.onerror = () => {
      fallback ??= setInterval(() => void flashsaleApi.sale(id).then(counts, () => undefined), POLL_MS);
    };
    return () => {
      stream.close();
      clearInterval(fallback);
    };
  }, [sale?.id]);
  useEffect(() => {
    if (!sale) return;
    flashsaleApi
      .items(sale.id, null)
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((error: unknown) => toast(describeError(error), 'bad'));
    setBasket(null);
  }, [sale?.id]);
  const loadOrders = () => {
    if (user)
      flashsaleApi
        .orders()
        .then((answer) => setOrders(answer.orders))
        .catch(() => setOrders([]));
  };
  useEffect(loadOrders, [user]);

  // Click handlers fire and forget: a failure becomes a toast, and busy always clears.
  const act = (work: () => Promise<void>): void => {
    setBusy(true);
    void work()
      .catch((error: unknown) => toast(describeError(error), 'bad'))
      .finally(() => setBusy(false));
  };
  const add = (item: ItemJson) =>
    act(async () => {
      setBasket(await flashsaleApi.checkout(item.id, shopper));
      toast(`${item.name} is in your basket`);
    });
  const buy = () =>
    act(async () => {
      if (!basket || !sale) return;
      const result = await flashsaleApi.purchase(basket.code, shopper);
      const bought = new Set(result.bought);
      setItems((list) => list.map((item) => (bought.has(item.id) || result.notBought.some((n) => n.id === item.id) ? { ...item, sold: true } : item)));
      setBasket(null);
      setSale(await flashsaleApi.sale(sale.id));
      toast(`Bought ${result.bought.length}, missed ${result.notBought.length}`, result.bought.length > 0 ? 'good' : 'bad');
      loadOrders();
    });
  const more = () =>
    act(async () => {
      if (!sale || !cursor) return;
      const page = await flashsaleApi.items(sale.id, cursor);
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    });
  const change = (order: OrderJson, action: 'pay' | 'ship' | 'cancel') =>
    act(async () => {
      await flashsaleApi.changeOrder(order.id, action);
      loadOrders();
    });

  if (sale === undefined) return <p class="muted">Loading the sale…</p>;
  if (sale === null) return <p>No sale is open right now. A new one opens at the top of every hour.</p>;
  const soldShare = Math.round((sale.sold / sale.total) * 100);
  return (
    <div class="stack">
      <section class="card" aria-labelledby="fs-sale">
        <div class="card-head">
          <h2 id="fs-sale">Sale {sale.id}</h2>
        </div>
        <div class="fs-stats">
          <span>
            <span class="fs-left" id="fs-remaining">
              {sale.remaining}
            </span>{' '}
            <span class="muted">of {sale.total} left</span>
          </span>
          <span class="fs-clock">
            Closes in <strong id="fs-closes">{countdown(sale.closesAt, now)}</strong>
          </span>
          <span class="fs-clock muted">Next sale in {countdown(sale.closesAt, now)}</span>
        </div>
        <progress class="fs-bar" max={sale.total} value={sale.sold} aria-label={`${soldShare}% sold`} />
      </section>

      <section class="card" aria-labelledby="fs-basket-title">
        <div class="card-head">
          <h2 id="fs-basket-title">Your basket</h2>
        </div>
        {user ? (
          <p class="muted">Buying as {user.name || user.email}.</p>
        ) : (
          <label>
            Shopper name
            <input
              id="fs-guest"
              value={guest}
              maxLength={64}
              onInput={(e) => setGuest((e.currentTarget as HTMLInputElement).value)}
              onChange={() => localStorage.setItem(GUEST_KEY, guest)}
            />
          </label>
        )}
        {basket ? (
          <>
            <ul class="fs-basket" id="fs-basket">
              {basket.items.map((id) => (
                <li class="badge" key={id}>
                  {id}
                </li>
              ))}
            </ul>
            <button id="fs-buy" disabled={busy} onClick={buy}>
              Buy {basket.items.length} {basket.items.length === 1 ? 'item' : 'items'}
            </button>
          </>
        ) : (
          <p class="muted">Add up to 10 items, then buy them.</p>
        )}
      </section>

      {user && (
        <section class="card" aria-labelledby="fs-orders-title">
          <div class="card-head">
            <h2 id="fs-orders-title">Your orders</h2>
          </div>
          {orders.length === 0 ? (
            <p class="muted">No orders yet.</p>
          ) : (
            <ul class="fs-orders" id="fs-orders">
              {orders.map((order) => (
                <li class="fs-order" key={order.id}>
                  <span>
                    {order.items.length} items <span class="badge">{order.status}</span>
                  </span>
                  <span class="row">
                    {order.status === 'created' && (
                      <button class="small" disabled={busy} onClick={() => change(order, 'pay')}>
                        Pay
                      </button>
                    )}
                    {order.status === 'paid' && (
                      <button class="small" disabled={busy} onClick={() => change(order, 'ship')}>
                        Ship
                      </button>
                    )}
                    {(order.status === 'created' || order.status === 'paid') && (
                      <button class="small secondary" disabled={busy} onClick={() => change(order, 'cancel')}>
                        Cancel
                      </button>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="fs-items-title">
        <h2 id="fs-items-title">Items</h2>
        <ul class="fs-items" id="fs-items">
          {items.map((item) => (
            <li class={item.sold ? 'fs-item sold' : 'fs-item'} key={item.id} data-item={item.id}>
              <img src={item.imageUrl} alt="" width={120} height={120} loading="lazy" />
              <span class="fs-item__name">{item.name}</span>
              <button class="small" disabled={busy || item.sold || basket?.items.includes(item.id)} onClick={() => add(item)}>
                {item.sold ? 'Sold' : basket?.items.includes(item.id) ? 'In basket' : 'Add'}
              </button>
            </li>
          ))}
        </ul>
        {cursor && (
          <p>
            <button class="secondary" disabled={busy} onClick={more}>
              More items
            </button>
          </p>
        )}
      </section>
    </div>
  );
}

startPage();
const root = document.getElementById('flashsale');
if (root) render(<FlashSale />, root);
