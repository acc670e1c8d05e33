import { request as httpRequest, type IncomingMessage } from 'node:http';
import { ManualClock } from '@mosaic/kit-core';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { serveLocally } from './contest/serve';
import { composedFlashsale } from './test-support/composed-flashsale';

const SALE = '2026120110';

/** Reads `data:` events off a server-sent event stream, one at a time. */
function eventsOf(response: IncomingMessage): () => Promise<unknown> {
  const queued: unknown[] = [];
  const waiting: ((event: unknown) => void)[] = [];
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .find((line) => line.startsWith('data: '));
      buffer = buffer.slice(end + 2);
      if (data === undefined) continue;
      const event = JSON.parse(data.slice(6)) as unknown;
      const waiter = waiting.shift();
      if (waiter) waiter(event);
      else queued.push(event);
    }
  });
  return () => (queued.length > 0 ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));
}

describe('live counts and free items', () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const app of running.splice(0).reverse()) await app.close();
  });

  async function served() {
    const composed = await composedFlashsale({}, { clock: new ManualClock(Date.UTC(2026, 11, 1, 10, 10)), itemsPerSale: 12 });
    running.push(composed);
    const server = await serveLocally(composed.http.app);
    running.push(server);
    return { app: composed.http.app, url: server.url, composed };
  }

  it('lists a sample of the free items, never a sold or unknown one', async () => {
    const { app } = await served();
    const all = await request(app).get(`/sales/${SALE}/free?limit=200`).expect(200);
    expect([...all.body.ids].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `${SALE}-${String(i).padStart(5, '0')}`));
    const basket = await request(app).post(`/checkout?user_id=sampler&id=${SALE}-00003`).expect(200);
    await request(app).post(`/purchase?code=${basket.body.code}`).expect(200);
    const left = await request(app).get(`/sales/${SALE}/free?limit=200`).expect(200);
    expect(left.body.ids).toHaveLength(11);
    expect(left.body.ids).not.toContain(`${SALE}-00003`);
    expect((await request(app).get(`/sales/${SALE}/free?limit=2`).expect(200)).body.ids).toHaveLength(2);
    expect((await request(app).get(`/sales/${SALE}/free?limit=0`)).status).toBe(400);
    expect((await request(app).get('/sales/2026120109/free')).status).toBe(404);
  });

  it('pushes the counts at once, then again when someone buys, and ends the streams when closed', async () => {
    const { app, url, composed } = await served();
    const response = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${url}/sales/${SALE}/live`, resolve).on('error', reject).end());
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const next = eventsOf(response);
    expect(await next()).toEqual({ sold: 0, remaining: 12 });

    const basket = await request(app).post(`/checkout?user_id=buyer&id=${SALE}-00001`).expect(200);
    await request(app).post(`/checkout?user_id=buyer&id=${SALE}-00002`).expect(200);
    await request(app).post(`/purchase?code=${basket.body.code}`).expect(200);
    expect(await next()).toEqual({ sold: 2, remaining: 10 });

    const ended = new Promise((resolve) => response.on('end', resolve));
    await composed.flashsale.closeStreams();
    await ended;
  });

  it('answers an unknown sale with 404 instead of a stream', async () => {
    const { app } = await served();
    const response = await request(app).get('/sales/2026120109/live');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('unknown_sale');
  });
});
