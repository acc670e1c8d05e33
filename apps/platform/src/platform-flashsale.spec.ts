import { createTestAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

describe('platform: the flash sale under /flashsale', async () => {
  const { app } = (await createPlatform(await createTestAppContext())).http;

  it('serves the open sale, its items with images, checkout and purchase', async () => {
    const sale = await request(app).get('/flashsale/sales/active').expect(200);
    expect(sale.body).toMatchObject({ total: 10_000, remaining: 10_000 - sale.body.sold });
    const page = await request(app).get(`/flashsale/sales/${sale.body.id}/items?limit=2`).expect(200);
    const [first] = page.body.items;
    expect(first.imageUrl).toBe(`/flashsale/items/${first.id}/image.svg`);
    await request(app).get(first.imageUrl).expect(200);
    const basket = await request(app).post(`/flashsale/checkout?user_id=platform-shopper&id=${first.id}`).expect(200);
    const bought = await request(app).post(`/flashsale/purchase?code=${basket.body.code}`).expect(200);
    expect(bought.body).toEqual({ code: basket.body.code, bought: [first.id], notBought: [] });
    expect((await request(app).get(`/flashsale/sales/${sale.body.id}`)).body.sold).toBe(sale.body.sold + 1);
  });

  it('serves the page at /flashsale/ under the strict policy, with its script at a hashed URL', async () => {
    expect((await request(app).get('/flashsale')).headers.location).toBe('/flashsale/');
    const page = await request(app).get('/flashsale/').expect(200);
    expect(page.text).toContain('id="flashsale"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const script = /<script type="module" src="([^"]+)"/.exec(page.text)?.[1];
    expect(script).toMatch(/^\/assets\/flashsale-page\.[0-9a-f]{12}\.js$/);
    await request(app).get(script!).expect(200);
  });

  it('keeps signed-in routes under /api/v1/flashsale', async () => {
    expect((await request(app).get('/api/v1/flashsale/orders')).status).toBe(401);
  });
});
