import { ManualClock } from '@mosaic/kit-core';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedUpUser } from '@mosaic/kit-testing';
import { composedFlashsale } from './test-support/composed-flashsale';

const TEN_PAST = Date.UTC(2026, 11, 1, 10, 10);
const SALE = '2026120110';
const item = (index: number, sale = SALE) => `${sale}-${String(index).padStart(5, '0')}`;

describe('the flash-sale app on the embedded default', () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const app of running.splice(0)) await app.close();
  });

  async function composedApp(itemsPerSale = 30) {
    const clock = new ManualClock(TEN_PAST);
    const composed = await composedFlashsale({}, { clock, itemsPerSale });
    running.push(composed);
    return { app: composed.http.app, clock };
  }

  it('opens the sale of the hour and has the next one ready', async () => {
    const { app } = await composedApp();
    const active = await request(app).get('/sales/active').expect(200);
    expect(active.body).toEqual({ id: SALE, opensAt: '2026-12-01T10:00:00.000Z', closesAt: '2026-12-01T11:00:00.000Z', total: 30, sold: 0, remaining: 30 });
    const next = await request(app).get('/sales/2026120111').expect(200);
    expect(next.body).toMatchObject({ id: '2026120111', sold: 0, remaining: 30 });
    expect((await request(app).get('/health')).status).toBe(200);
  });

  it('pages through the items with image URLs the app serves', async () => {
    const { app } = await composedApp();
    const first = await request(app).get(`/sales/${SALE}/items?limit=20`).expect(200);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toEqual({ id: item(0), name: expect.any(String), imageUrl: `/items/${item(0)}/image.svg`, sold: false });
    const rest = await request(app).get(`/sales/${SALE}/items?limit=20&cursor=${first.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((i: { id: string }) => i.id)).toEqual(Array.from({ length: 10 }, (_, i) => item(20 + i)));
    expect(rest.body.nextCursor).toBeNull();
    const image = await request(app).get(first.body.items[0].imageUrl).expect(200);
    expect(image.headers['content-type']).toContain('image/svg+xml');
    expect(String(image.body)).toContain('<svg');
  });

  it('checks out, purchases once, and counts the item sold', async () => {
    const { app } = await composedApp();
    const first = await request(app)
      .post(`/checkout?user_id=alice&id=${item(1)}`)
      .expect(200);
    const again = await request(app)
      .post(`/checkout?user_id=alice&id=${item(2)}`)
      .expect(200);
    expect(again.body.code).toBe(first.body.code);
    expect(again.body.items).toEqual([item(1), item(2)]);
    await request(app)
      .post(`/checkout?user_id=bob&id=${item(2)}`)
      .expect(200);

    const bought = await request(app).post(`/purchase?code=${first.body.code}`).expect(200);
    expect(bought.body).toEqual({ code: first.body.code, bought: [item(1), item(2)], notBought: [] });
    const replay = await request(app).post(`/purchase?code=${first.body.code}`).expect(200);
    expect(replay.body).toEqual(bought.body);

    const sold = await request(app).post(`/checkout?user_id=carol&id=${item(1)}`);
    expect([sold.status, sold.body.error.code]).toEqual([409, 'item_sold']);
    const bob = await request(app)
      .post(`/checkout?user_id=bob&id=${item(3)}`)
      .expect(200);
    const lost = await request(app).post(`/purchase?code=${bob.body.code}`).expect(200);
    expect(lost.body).toEqual({ code: bob.body.code, bought: [item(3)], notBought: [{ id: item(2), reason: 'item_sold' }] });
    expect((await request(app).get(`/sales/${SALE}`)).body).toMatchObject({ sold: 3, remaining: 27 });
    expect((await request(app).get(`/sales/${SALE}/items?limit=4`)).body.items.map((i: { sold: boolean }) => i.sold)).toEqual([false, true, true, true]);
  });

  it('answers a plain POST /checkout ahead of express with what express answers; anything else goes through express', async () => {
    const clock = new ManualClock(TEN_PAST);
    const composed = await composedFlashsale({}, { clock, itemsPerSale: 30 });
    running.push(composed);
    const { http } = composed;
    const expressDispatches = vi.spyOn(http.app as unknown as { handle: (...args: unknown[]) => void }, 'handle');
    // The server's own listener (fast routes first, then express), and express alone.
    const [server, expressOnly] = [request(http.handle), request(http.app)];
    // What differs by design: the date, and express's ETag on JSON bodies.
    const answerOf = (res: request.Response) => ({
      status: res.status,
      body: res.body as unknown,
      headers: { ...res.headers, date: undefined, etag: undefined },
    });

    const fast = await server.post(`/checkout?user_id=fiona&id=${item(1)}`).set('X-Request-Id', 'same-id');
    const viaExpress = await expressOnly.post(`/checkout?user_id=fiona&id=${item(1)}`).set('X-Request-Id', 'same-id');
    expect(expressDispatches).toHaveBeenCalledTimes(1);
    expect(fast.status).toBe(200);
    expect(answerOf(fast)).toEqual(answerOf(viaExpress));

    // Refusals the use case decides: the error handler's answer, on either path.
    await expressOnly.post(`/purchase?code=${fast.body.code}`).expect(200);
    expressDispatches.mockClear();
    for (const path of [`/checkout?user_id=gus&id=${item(1)}`, `/checkout?user_id=gus&id=${item(30)}`, `/checkout?user_id=gus&id=${item(1, '2026120111')}`]) {
      const [claimed, answered] = [await server.post(path).set('X-Request-Id', 'same-id'), await expressOnly.post(path).set('X-Request-Id', 'same-id')];
      expect([path, answerOf(claimed)]).toEqual([path, answerOf(answered)]);
      expect(claimed.status).toBeGreaterThanOrEqual(404);
    }
    expect(expressDispatches).toHaveBeenCalledTimes(3);

    // Malformed, repeated or extra parameters, a body, credentials: declined to express.
    expressDispatches.mockClear();
    const declined: [string, number][] = [
      [`/checkout?user_id=al%20ice&id=${item(2)}`, 400],
      [`/checkout?user_id=a&user_id=b&id=${item(2)}`, 400],
      ['/checkout', 400],
      [`/checkout?user_id=hal&id=${item(2)}&x=1`, 200],
    ];
    for (const [path, status] of declined) expect([path, (await server.post(path)).status]).toEqual([path, status]);
    await server
      .post(`/checkout?user_id=hal&id=${item(3)}`)
      .send({ any: 'body' })
      .expect(200);
    await server
      .post(`/checkout?user_id=hal&id=${item(4)}`)
      .set('Authorization', 'Bearer not-a-token')
      .expect(200);
    expect(expressDispatches).toHaveBeenCalledTimes(declined.length + 2);
  });

  it('refuses an eleventh item with a reason', async () => {
    const { app } = await composedApp();
    for (let i = 0; i < 10; i++)
      await request(app)
        .post(`/checkout?user_id=dave&id=${item(i)}`)
        .expect(200);
    const eleventh = await request(app).post(`/checkout?user_id=dave&id=${item(10)}`);
    expect([eleventh.status, eleventh.body.error.code]).toEqual([409, 'limit_exceeded']);
    expect(eleventh.body.error.message).toMatch(/10 items per user/);
  });

  it('answers bad input with 4xx and a code, never 500', async () => {
    const { app, clock } = await composedApp();
    const cases: [string, number, string][] = [
      [`/checkout?id=${item(1)}`, 400, 'validation_failed'],
      [`/checkout?user_id=alice`, 400, 'validation_failed'],
      [`/checkout?user_id=al%20ice&id=${item(1)}`, 400, 'validation_failed'],
      [`/checkout?user_id=alice&id=nope`, 400, 'validation_failed'],
      [`/checkout?user_id=alice&id=${item(30)}`, 404, 'unknown_item'],
      [`/checkout?user_id=alice&id=${item(1, '2026120109')}`, 404, 'unknown_item'],
      [`/checkout?user_id=alice&id=${item(1, '2026120111')}`, 409, 'sale_not_open'],
      ['/purchase', 400, 'validation_failed'],
      ['/purchase?code=short', 400, 'validation_failed'],
      ['/purchase?code=AAAAAAAAAAAAAAAAAAAAAA', 404, 'unknown_code'],
    ];
    for (const [path, status, code] of cases) {
      const response = await request(app).post(path);
      expect([path, response.status, response.body.error?.code]).toEqual([path, status, code]);
    }
    expect((await request(app).get('/sales/2026133310')).status).toBe(400);
    expect((await request(app).get('/sales/2026120109')).status).toBe(404);
    expect((await request(app).get(`/sales/${SALE}/items?cursor=x`)).body.error.code).toBe('invalid_cursor');

    const basket = await request(app)
      .post(`/checkout?user_id=erin&id=${item(5)}`)
      .expect(200);
    clock.set(Date.UTC(2026, 11, 1, 11, 0, 1));
    const closed = await request(app).post(`/purchase?code=${basket.body.code}`);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'sale_closed']);
    const late = await request(app).post(`/checkout?user_id=erin&id=${item(6)}`);
    expect([late.status, late.body.error.code]).toEqual([409, 'sale_closed']);
  });

  it('gives signed-in users their orders: buy, pay, ship, and refuses invalid transitions', async () => {
    const { app } = await composedApp();
    const alice = await signedUpUser(app, 'alice');
    const bob = await signedUpUser(app, 'bob');
    expect((await request(app).post(`/api/v1/flashsale/checkout?id=${item(4)}`)).status).toBe(401);
    const basket = await request(app)
      .post(`/api/v1/flashsale/checkout?id=${item(4)}&user_id=someone-else`)
      .set(alice.auth)
      .expect(200);
    const foreign = await request(app).post(`/api/v1/flashsale/purchase?code=${basket.body.code}`).set(bob.auth);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'unknown_code']);
    await request(app).post(`/api/v1/flashsale/purchase?code=${basket.body.code}`).set(alice.auth).expect(200);

    const orders = await request(app).get('/api/v1/flashsale/orders').set(alice.auth).expect(200);
    expect(orders.body.orders).toHaveLength(1);
    const order = orders.body.orders[0];
    expect(order).toMatchObject({ items: [item(4)], status: 'created', version: 1, code: basket.body.code });
    expect((await request(app).get('/api/v1/flashsale/orders').set(bob.auth)).body.orders).toEqual([]);
    expect((await request(app).get(`/api/v1/flashsale/orders/${order.id}`).set(bob.auth)).status).toBe(404);

    const early = await request(app).post(`/api/v1/flashsale/orders/${order.id}/ship`).set(alice.auth);
    expect([early.status, early.body.error.code]).toEqual([409, 'invalid_order_transition']);
    expect((await request(app).post(`/api/v1/flashsale/orders/${order.id}/pay`).set(alice.auth).expect(200)).body.status).toBe('paid');
    expect((await request(app).post(`/api/v1/flashsale/orders/${order.id}/ship`).set(alice.auth).expect(200)).body.status).toBe('shipped');
    const late = await request(app).post(`/api/v1/flashsale/orders/${order.id}/cancel`).set(alice.auth);
    expect([late.status, late.body.error.code]).toEqual([409, 'invalid_order_transition']);

    const detail = await request(app).get(`/api/v1/flashsale/orders/${order.id}`).set(alice.auth).expect(200);
    expect(detail.body.history.map((e: { type: string; version: number }) => [e.type, e.version])).toEqual([
      ['order.created', 1],
      ['order.paid', 2],
      ['order.shipped', 3],
    ]);
  });

  it('returns the items of a cancelled paid order to the open sale', async () => {
    const { app } = await composedApp();
    const alice = await signedUpUser(app, 'alice');
    const basket = await request(app)
      .post(`/api/v1/flashsale/checkout?id=${item(7)}`)
      .set(alice.auth)
      .expect(200);
    await request(app).post(`/api/v1/flashsale/purchase?code=${basket.body.code}`).set(alice.auth).expect(200);
    const [order] = (await request(app).get('/api/v1/flashsale/orders').set(alice.auth)).body.orders;
    await request(app).post(`/api/v1/flashsale/orders/${order.id}/pay`).set(alice.auth).expect(200);
    expect((await request(app).get(`/sales/${SALE}`)).body.sold).toBe(1);
    expect((await request(app).post(`/api/v1/flashsale/orders/${order.id}/cancel`).set(alice.auth).expect(200)).body.status).toBe('cancelled');
    expect((await request(app).get(`/sales/${SALE}`)).body).toMatchObject({ sold: 0, remaining: 30 });
    const rebuy = await request(app)
      .post(`/checkout?user_id=bob&id=${item(7)}`)
      .expect(200);
    expect((await request(app).post(`/purchase?code=${rebuy.body.code}`).expect(200)).body.bought).toEqual([item(7)]);
  });
});
