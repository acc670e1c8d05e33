import { randomBytes } from 'node:crypto';
import { describeWithChromium } from '@mosaic/kit-testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runningExchange } from './test-support/composed-exchange';

/**
 * Two newcomers on two phones sign up and fund themselves from the page; one sells with a
 * limit order, the other buys at market; both pages follow live.
 */
describeWithChromium('the trading page in Chromium', (browser) => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  let adminsOnly: Awaited<ReturnType<typeof runningExchange>>;
  const problems: string[] = [];

  beforeAll(async () => {
    [exchange, adminsOnly] = await Promise.all([runningExchange(), runningExchange({ EXCHANGE_TEST_DEPOSITS: 'false' })]);
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
    await adminsOnly?.close();
  });

  async function signedUp(name: string, url = exchange.url): Promise<Page> {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${name}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
    await page.goto(`${url}/signin?mode=signup&next=/`);
    await page.fill('#email', `${name}.${randomBytes(3).toString('hex')}@example.com`);
    await page.fill('#password', 'correct horse battery staple');
    await page.click('#auth-submit');
    await page.waitForURL(`${url}/`);
    await page.locator('#balances').waitFor();
    return page;
  }

  /** A newcomer funds themselves with the page's button: a demo amount of every market currency. */
  async function trader(name: string): Promise<Page> {
    const page = await signedUp(name);
    await page.click('#test-funds');
    for (const [currency, amount] of [
      ['USDT', '10000'],
      ['BTC', '1'],
      ['ETH', '10'],
    ]) {
      await page
        .locator(`#balances tr[data-currency="${currency}"] .available`)
        .filter({ hasText: new RegExp(`^${amount}$`) })
        .waitFor();
    }
    return page;
  }

  it('shows the trade, the book and both balances on both pages without a reload', async () => {
    const seller = await trader('seller');
    const buyer = await trader('buyer');

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
      // The ticker is its own channel: it may land after the trade and the book.
      await expect.poll(() => page.textContent('#last-price'), { timeout: 15_000 }).toBe('27000');
    }
    // Maker fee 0.1% in USDT, taker fee 0.2% in BTC.
    await seller
      .locator('#balances tr[data-currency="USDT"] .available')
      .filter({ hasText: /^12697\.3$/ })
      .waitFor();
    await seller
      .locator('#balances tr[data-currency="BTC"] .hold')
      .filter({ hasText: /^0\.4$/ })
      .waitFor();
    await buyer
      .locator('#balances tr[data-currency="BTC"] .available')
      .filter({ hasText: /^1\.0998$/ })
      .waitFor();
    await buyer
      .locator('#balances tr[data-currency="USDT"] .available')
      .filter({ hasText: /^7300$/ })
      .waitFor();

    // Cancel from the page: the open order leaves the list and the book.
    await seller.click('#open-orders li button.cancel');
    await seller.locator('#open-orders li').waitFor({ state: 'detached' });
    await buyer.locator('#book-asks tr').waitFor({ state: 'detached' });
    const width = await seller.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  }, 90_000);

  it('offers no test funds where only admins may deposit', async () => {
    const page = await signedUp('no-funds', adminsOnly.url);
    // The panel is there, rendered with the user, and without the button.
    expect(await page.locator('#balances').isVisible()).toBe(true);
    expect(await page.locator('#test-funds').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
