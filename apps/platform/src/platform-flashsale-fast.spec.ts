import { Writable } from 'node:stream';
import { createTestAppContext } from '@mosaic/kit-app';
import { createLogger } from '@mosaic/kit-log';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createPlatform } from './platform';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

// The sale clock starts ten minutes into the 10:00 sale, so the test never straddles an hour.
const SALE = '2026120110';
const NEXT_SALE = '2026120111';
const item = (index: number, sale = SALE) => `${sale}-${String(index).padStart(5, '0')}`;
const CHECKOUT = '/flashsale/checkout';

/**
 * The platform mounts the flash sale under /flashsale; its plain `POST /flashsale/checkout`
 * is answered ahead of express, as the stand-alone app answers `POST /checkout`. The same
 * platform's express alone is the reference: every answer, request id, access log line
 * and metrics series must be the one express gives, and express must not see the
 * requests the fast route takes.
 */
describe('platform: the flash sale’s checkout under /flashsale ahead of express', async () => {
  const lines: LogLine[] = [];
  const logger = createLogger({
    name: 'platform-flashsale-fast',
    pretty: false,
    destination: new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as LogLine);
        callback();
      },
    }),
  });
  const context = { ...(await createTestAppContext({ FLASHSALE_TIME_ORIGIN: '2026-12-01T10:10:00.000Z' })), logger };
  const { http } = await createPlatform(context);
  // The server's own listener (fast routes first, then express), and express alone.
  const [server, expressOnly] = [request(http.handle), request(http.app)];
  const expressDispatches = vi.spyOn(http.app as unknown as { handle: (...args: unknown[]) => void }, 'handle');

  // What differs by design: the date, and express's ETag on JSON bodies.
  const answerOf = (res: request.Response) => ({
    status: res.status,
    body: res.body as unknown,
    headers: { ...res.headers, date: undefined, etag: undefined },
  });
  const accessLine = (requestId: string) => lines.find((line) => line.requestId === requestId && line.msg === 'request');
  /** An access log line without what differs between two requests by design. */
  const comparable = ({ time: _time, durationMs: _durationMs, requestId: _requestId, traceId: _traceId, ...rest }: LogLine) => rest;
  const counted = async (status: number) => {
    const text = (await expressOnly.get('/metrics')).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith('http_server_request_duration_seconds_count{') && l.includes(`route="${CHECKOUT}"`) && l.includes(`status="${status}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('answers a plain checkout as express does, without express: body, headers, request id, access log line', async () => {
    expressDispatches.mockClear();
    const fast = await server.post(`${CHECKOUT}?user_id=fiona&id=${item(1)}`).set('X-Request-Id', 'fs-fast');
    expect(expressDispatches).not.toHaveBeenCalled();
    const viaExpress = await expressOnly.post(`${CHECKOUT}?user_id=fiona&id=${item(1)}`).set('X-Request-Id', 'fs-fast');
    expect(fast.status).toBe(200);
    expect(fast.body).toMatchObject({ items: [item(1)], code: expect.any(String) });
    expect(answerOf(fast)).toEqual(answerOf(viaExpress));
    expect(fast.headers['x-request-id']).toBe('fs-fast');

    // Another request id on each path, for their access log lines.
    await server.post(`${CHECKOUT}?user_id=fiona&id=${item(2)}`).set('X-Request-Id', 'fs-log-fast');
    await expressOnly.post(`${CHECKOUT}?user_id=fiona&id=${item(3)}`).set('X-Request-Id', 'fs-log-express');
    const [fastLine, expressLine] = [accessLine('fs-log-fast'), accessLine('fs-log-express')];
    expect(fastLine).toMatchObject({ method: 'POST', route: CHECKOUT, path: CHECKOUT, status: 200, requestId: 'fs-log-fast' });
    expect(comparable(fastLine as LogLine)).toEqual(comparable(expressLine as LogLine));
    // Without an id of the caller's, each path makes one up in the same shape.
    const made = [
      (await server.post(`${CHECKOUT}?user_id=fiona&id=${item(4)}`)).headers['x-request-id'],
      (await expressOnly.post(`${CHECKOUT}?user_id=fiona&id=${item(4)}`)).headers['x-request-id'],
    ];
    for (const id of made) expect(id).toMatch(/^[A-Za-z0-9_-]+-[0-9a-z]+$/);
  });

  it('counts fast answers under the route template express names, /flashsale/checkout', async () => {
    const [ok, refused] = [await counted(200), await counted(404)];
    expressDispatches.mockClear();
    await server.post(`${CHECKOUT}?user_id=gina&id=${item(10)}`).expect(200);
    await server.post(`${CHECKOUT}?user_id=gina&id=${item(11)}`).expect(200);
    await server.post(`${CHECKOUT}?user_id=gina&id=${item(10_000)}`).expect(404);
    expect(expressDispatches).not.toHaveBeenCalled();
    expect([await counted(200), await counted(404)]).toEqual([ok + 2, refused + 1]);
    // Express's own answers land in the same series.
    await expressOnly.post(`${CHECKOUT}?user_id=gina&id=${item(12)}`).expect(200);
    expect(await counted(200)).toBe(ok + 3);
  });

  it('answers what the use case refuses with the error handler’s answer, on either path', async () => {
    const basket = await server.post(`${CHECKOUT}?user_id=hana&id=${item(20)}`).expect(200);
    await server.post(`/flashsale/purchase?code=${basket.body.code}`).expect(200);
    expressDispatches.mockClear();
    const refusals: [string, number, string][] = [
      [`${CHECKOUT}?user_id=ivan&id=${item(20)}`, 409, 'item_sold'],
      [`${CHECKOUT}?user_id=ivan&id=${item(10_000)}`, 404, 'unknown_item'],
      [`${CHECKOUT}?user_id=ivan&id=${item(1, NEXT_SALE)}`, 409, 'sale_not_open'],
    ];
    for (const [path, status, code] of refusals) {
      const claimed = await server.post(path).set('X-Request-Id', 'fs-refused');
      const answered = await expressOnly.post(path).set('X-Request-Id', 'fs-refused');
      expect([path, claimed.status, claimed.body.error?.code]).toEqual([path, status, code]);
      expect([path, answerOf(claimed)]).toEqual([path, answerOf(answered)]);
    }
    // Only the reference requests reached express.
    expect(expressDispatches).toHaveBeenCalledTimes(refusals.length);
  });

  it('leaves anything unusual to the express route, with the same answers', async () => {
    expressDispatches.mockClear();
    const declined: [string, number][] = [
      [`${CHECKOUT}?user_id=al%20ice&id=${item(30)}`, 400],
      [`${CHECKOUT}?user_id=a&user_id=b&id=${item(30)}`, 400],
      [CHECKOUT, 400],
      [`${CHECKOUT}?user_id=jo&id=${item(30)}&x=1`, 200],
      [`${CHECKOUT}/?user_id=jo&id=${item(31)}`, 200],
    ];
    for (const [path, status] of declined) expect([path, (await server.post(path)).status]).toEqual([path, status]);
    await server
      .post(`${CHECKOUT}?user_id=jo&id=${item(32)}`)
      .send({ any: 'body' })
      .expect(200);
    await server
      .post(`${CHECKOUT}?user_id=jo&id=${item(33)}`)
      .set('Authorization', 'Bearer not-a-token')
      .expect(200);
    // The root's path is not the mount's: the platform has no POST /checkout.
    expect((await server.post(`/checkout?user_id=jo&id=${item(34)}`)).status).toBeGreaterThanOrEqual(404);
    expect(expressDispatches).toHaveBeenCalledTimes(declined.length + 3);
    const basket = await server.post(`${CHECKOUT}?user_id=jo&id=${item(35)}`).expect(200);
    expect(basket.body.items).toEqual([30, 31, 32, 33, 35].map((i) => item(i)));
  });

  it('still serves every other flash-sale route under the mount, and orders under /api, through the server', async () => {
    const sale = await server.get('/flashsale/sales/active').expect(200);
    expect(sale.body).toMatchObject({ id: SALE, total: 10_000 });
    const page = await server.get(`/flashsale/sales/${SALE}/items?limit=2`).expect(200);
    expect(page.body.items[0].imageUrl).toBe(`/flashsale/items/${item(0)}/image.svg`);
    await server.get(page.body.items[0].imageUrl).expect(200);
    expect((await server.get('/flashsale/').expect(200)).text).toContain('id="flashsale"');
    const basket = await server.post(`${CHECKOUT}?user_id=kim&id=${item(0)}`).expect(200);
    const bought = await server.post(`/flashsale/purchase?code=${basket.body.code}`).expect(200);
    expect(bought.body).toEqual({ code: basket.body.code, bought: [item(0)], notBought: [] });
    expect((await server.get(`/flashsale/sales/${SALE}`)).body.sold).toBe(sale.body.sold + 1);
    expect((await server.get('/api/v1/flashsale/orders')).status).toBe(401);
    // The exchange's fast route sits beside it: a signed-out order is refused without express.
    expressDispatches.mockClear();
    const order = await server.post('/api/orders').send({ productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '0.01' });
    expect(order.status).toBe(401);
    expect(expressDispatches).not.toHaveBeenCalled();
  });
});
