import { randomBytes } from 'node:crypto';
import { describeWithChromium } from '@mosaic/kit-testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runningExchange } from './test-support/composed-exchange';

/** Two traders on two phones: one sells with a limit order, the other buys at market; both pages follow live. */
describeWithChromium('the trading page in Chromium', (browser) => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  const problems: string[] = [];

  beforeAll(async () => {
    exchange = await runningExchange();
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
  });

  async function trader(name: string, deposit: { currency: string; amount: string }): Promise<Page> {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${name}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
    await page.goto(`${exchange.url}/signin?mode=signup&next=/`);
    await page.fill('#email', `${name}.${randomBytes(3).toString('hex')}@example.com`);
    await page.fill('#password', 'correct horse battery staple');
    await page.click('#auth-submit');
    await page.waitForURL(`${exchange.url}/`);
    const status = await page.evaluate(async (body) => {
      const res = await fetch('/api/admin/deposits', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return res.status;
    }, deposit);
    expect(status).toBe(200);
    await page.reload();
    await page.locator(`#balances tr[data-currency="${deposit.currency}"] .available`).filter({ hasText: deposit.amount }).waitFor();
    return page;
  }

  it('shows the trade, the book and both balances on both pages without a reload', async () => {
    const seller = await trader('seller', { currency: 'BTC', amount: '1' });
    const buyer = await trader('buyer', { currency: 'USDT', amount: '5000' });

    await seller.click('#side-sell');
    await seller.fill('#price', '27000');
    await seller.fill('#size', '0.5');
    await seller.click('#place-order');
    await seller.locator('#open-orders li').filter({ hasText: '0.5 @ 27000' }).waitFor();
    await buyer.locator('#book-asks tr').filter({ hasText: '27000' }).waitFor();

    await buyer.selectOption('#order-type', 'market');
    await buyer.fill('#funds', '2700');
    await buyer.click('#place-order');

    for (const page of [seller, buyer]) {
      await page.locator('#trades li').filter({ hasText: '27000' }).first().waitFor();
      await page.locator('#book-asks tr').filter({ hasText: '0.4' }).waitFor();
      expect(await page.textContent('#last-price')).toBe('27000');
    }
    // Maker fee 0.1% in USDT, taker fee 0.2% in BTC.
    await seller
      .locator('#balances tr[data-currency="USDT"] .available')
      .filter({ hasText: /^2697\.3$/ })
      .waitFor();
    await seller
      .locator('#balances tr[data-currency="BTC"] .hold')
      .filter({ hasText: /^0\.4$/ })
      .waitFor();
    await buyer
      .locator('#balances tr[data-currency="BTC"] .available')
      .filter({ hasText: /^0\.0998$/ })
      .waitFor();
    await buyer
      .locator('#balances tr[data-currency="USDT"] .available')
      .filter({ hasText: /^2300$/ })
      .waitFor();

    // Cancel from the page: the open order leaves the list and the book.
    await seller.click('#open-orders li button.cancel');
    await seller.locator('#open-orders li').waitFor({ state: 'detached' });
    await buyer.locator('#book-asks tr').waitFor({ state: 'detached' });
    const width = await seller.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  }, 90_000);
});
