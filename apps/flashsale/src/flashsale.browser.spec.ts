import { ManualClock } from '@mosaic/kit-core';
import { describeWithChromium } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveLocally } from './contest/serve';
import { composedFlashsale } from './test-support/composed-flashsale';

/**
 * A shopper on the page at phone width adds an item, buys it, and sees the count of items
 * left drop; and the count drops on a watching page when someone else buys, by push.
 */
describeWithChromium('the flash-sale page in Chromium', (browser) => {
  let composed: Awaited<ReturnType<typeof composedFlashsale>>;
  let server: Awaited<ReturnType<typeof serveLocally>>;

  beforeAll(async () => {
    // The sale's clock is the real one here: the page counts down in the browser's time.
    composed = await composedFlashsale({}, { clock: new ManualClock(Date.now()), itemsPerSale: 60 });
    server = await serveLocally(composed.http.app);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await composed?.close();
  });

  it('checks out and buys an item, and the items left drop by one', async () => {
    const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${server.url}/`);
    const remaining = page.locator('#fs-remaining');
    await expect.poll(() => remaining.textContent(), { timeout: 20_000 }).toBe('60');
    await page.fill('#fs-guest', 'page-shopper');
    const first = page.locator('#fs-items li').first();
    await first.locator('button').click();
    await expect.poll(() => page.locator('#fs-basket li').count(), { timeout: 10_000 }).toBe(1);
    await page.click('#fs-buy');
    await expect.poll(() => remaining.textContent(), { timeout: 10_000 }).toBe('59');
    expect(await first.locator('button').textContent()).toBe('Sold');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows the count drop live when another shopper buys, pushed rather than polled', async () => {
    const page = await browser().newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    // The page subscribes to the pushed counts, and never needs the fallback's polls of the sale.
    const streams: string[] = [];
    const polls: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/sales\/\d{10}\/live$/.test(path)) streams.push(path);
      if (/\/sales\/\d{10}$/.test(path)) polls.push(path);
    });
    await page.goto(`${server.url}/`);
    const remaining = page.locator('#fs-remaining');
    await expect.poll(() => remaining.textContent(), { timeout: 20_000 }).not.toBe(null);
    const before = Number(await remaining.textContent());

    // Someone else, not on this page, buys two items.
    const sale = (await (await fetch(`${server.url}/sales/active`)).json()) as { id: string };
    const free = (await (await fetch(`${server.url}/sales/${sale.id}/free?limit=2`)).json()) as { ids: string[] };
    let code = '';
    for (const id of free.ids) {
      const basket = await fetch(`${server.url}/checkout?user_id=other-shopper&id=${id}`, { method: 'POST' });
      code = ((await basket.json()) as { code: string }).code;
    }
    const bought = (await (await fetch(`${server.url}/purchase?code=${code}`, { method: 'POST' })).json()) as { bought: string[] };
    expect(bought.bought).toHaveLength(2);

    await expect.poll(() => remaining.textContent(), { timeout: 10_000 }).toBe(String(before - 2));
    expect(streams).toHaveLength(1);
    expect(polls).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});
