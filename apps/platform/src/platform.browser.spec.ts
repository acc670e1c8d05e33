import { once } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAppContext } from '@mosaic/kit-app';
import { startServer, STRICT_CONTENT_SECURITY_POLICY, type RunningServer } from '@mosaic/kit-http';
import { describeWithChromium, horizontalOverflow, watchPage } from '@mosaic/kit-testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPlatform } from './platform';

const PHONE = { width: 390, height: 844 };
const eventually = { timeout: 15_000 };
const screenshots = join(tmpdir(), 'mosaic-platform-screenshots');
/** A journey drives many pages; a loaded machine may take minutes, and the polls above bound each step. */
const JOURNEY_TIMEOUT = 180_000;
const ADMIN_EMAIL = 'journey@example.com';

/** The newcomer's paths through the platform, at phone width, with the console watched throughout. */
describeWithChromium('the platform in Chromium', (browser) => {
  /** As in production: no test deposits, and the first admin comes from the bootstrap (AUTH_ADMIN_EMAILS). */
  let platform: RunningServer;
  /** Test mode (ACCOUNT_TEST_DEPOSITS): owners deposit into their own accounts. */
  let testModePlatform: RunningServer;
  let destination: Server;
  let destinationUrl: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const start = async (settings: Record<string, string>) => {
      const context = await createTestAppContext({ ...settings, EXCHANGE_DATA_DIR: mkdtempSync(join(tmpdir(), 'platform-exchange-')) });
      return startServer((await createPlatform(context)).http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
    };
    platform = await start({ ACCOUNT_TEST_DEPOSITS: 'false', AUTH_ADMIN_EMAILS: ADMIN_EMAIL });
    testModePlatform = await start({ ACCOUNT_TEST_DEPOSITS: 'true' });
    destination = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Arrived</h1>'));
    destination.listen(0, '127.0.0.1');
    await once(destination, 'listening');
    destinationUrl = `http://127.0.0.1:${(destination.address() as AddressInfo).port}/article?id=7`;
  }, 60_000);

  afterAll(async () => {
    destination?.close();
    await platform?.shutdown();
    await testModePlatform?.shutdown();
  });

  /** Each page fits the phone's width: nothing scrolls sideways, and a screenshot is kept to look at. */
  async function checkLayout(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(screenshots, `${name}-390.png`), fullPage: true });
    expect(await horizontalOverflow(page), `${name} is wider than the phone`).toBeLessThanOrEqual(0);
  }

  it(
    'goes home → sign up as the bootstrapped admin → accounts (open, deposit, transfer, ledger, points) → shortener → home, under the strict policy',
    async () => {
      const context = await browser().newContext({ viewport: PHONE });
      const page = await context.newPage();
      const watch = watchPage(page);

      await page.goto(`${platform.url}/`);
      await expect.poll(() => page.textContent('#status-account'), eventually).toBe('Ready');
      expect(await page.textContent('#status-chat')).toBe('Coming soon');
      expect(await page.locator('#card-chat a').count()).toBe(0);
      await checkLayout(page, 'home');

      // Accounts asks a signed-out visitor to sign in, and the sign-in page brings them back.
      await page.click('#card-account a');
      await page.waitForURL(`${platform.url}/accounts/`);
      await page.click('#signed-out a');
      await page.waitForURL(/\/signin\?next=%2Faccounts%2F$/);
      await page.click('#tab-signup');
      // The address AUTH_ADMIN_EMAILS names: the bootstrap makes this newcomer the first admin.
      await page.fill('#email', ADMIN_EMAIL);
      await page.fill('#name', 'Journey Tester');
      await page.fill('#password', 'correct horse battery staple 42');
      await checkLayout(page, 'signup');
      await page.click('#auth-submit');
      await page.waitForURL(`${platform.url}/accounts/`);
      await expect.poll(() => page.textContent('#mx-user-name'), eventually).toBe('Journey Tester');

      // Two USD accounts; money in by the admin's deposit (no test mode here), then across.
      await page.click('#open-submit');
      const tiles = page.locator('#account-list [data-account-id]');
      await expect.poll(() => tiles.count(), eventually).toBe(1);
      const first = (await tiles.first().getAttribute('data-account-id'))!;
      expect(await page.textContent('#deposit-form h3')).toBe('Deposit (administrator)');
      expect(await page.inputValue('#deposit-account')).toBe(first);
      await page.fill('#deposit-amount', '100.00');
      await page.click('#deposit-submit');
      await expect.poll(() => page.textContent(`[data-account-id="${first}"] .balance`), eventually).toBe('100.00');
      await page.click('#open-submit');
      await expect.poll(() => tiles.count(), eventually).toBe(2);
      const second = (await tiles.nth(1).getAttribute('data-account-id'))!;
      await page.click(`[data-account-id="${first}"]`);
      await page.fill('#transfer-to', second);
      await page.fill('#transfer-amount', '30.00');
      // A double click sends one transfer.
      await page.dblclick('#transfer-submit');
      await expect.poll(() => page.textContent(`[data-account-id="${second}"] .balance`), eventually).toBe('30.00');
      expect(await page.textContent(`[data-account-id="${first}"] .balance`)).toBe('70.00');
      await expect
        .poll(() => page.locator('#ledger-rows tr').allTextContents(), eventually)
        .toEqual([expect.stringContaining('-30.00'), expect.stringContaining('100.00')]);

      // Points: open a points account, then buy points with money from the first account.
      await page.click('#points-open');
      await page.selectOption('#purchase-account', first);
      await page.fill('#purchase-amount', '10.00');
      await page.click('#purchase-submit');
      await expect.poll(() => page.textContent(`[data-account-id="${first}"] .balance`), eventually).toBe('60.00');
      await expect.poll(async () => Number(await page.locator('#points .amount').textContent()), eventually).toBeGreaterThan(0);
      await checkLayout(page, 'accounts');

      // The shortener, from the header.
      await page.click('.mx-nav >> text=URL shortener');
      await page.waitForURL(`${platform.url}/s/`);
      await page.fill('#url', destinationUrl);
      await page.click('#submit');
      await expect.poll(() => page.locator('#short-link').getAttribute('href'), eventually).toMatch(new RegExp(`^${platform.url}/[0-9A-Za-z]{7}$`));
      await expect.poll(() => page.evaluate<number>("document.getElementById('qr').naturalWidth"), eventually).toBeGreaterThan(0);
      await checkLayout(page, 'shortener');

      // Home again, still signed in; signing out ends the session.
      await page.click('.mx-brand');
      await page.waitForURL(`${platform.url}/`);
      await expect.poll(() => page.textContent('#mx-user-name'), eventually).toBe('Journey Tester');
      await expect.poll(() => page.textContent('#status-urlshortener'), eventually).toBe('Ready');
      await page.click('#mx-sign-out');
      await expect.poll(() => page.locator('#mx-user a').textContent(), eventually).toBe('Sign in');

      expect(watch.problems).toEqual([]);
      expect(watch.documents.map(({ url }) => new URL(url).pathname)).toEqual(['/', '/accounts/', '/signin', '/accounts/', '/s/', '/']);
      for (const { policy } of watch.documents) expect(policy).toBe(STRICT_CONTENT_SECURITY_POLICY);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows why sign-in failed, and refuses to send the user off-site afterwards',
    async () => {
      const context = await browser().newContext({ viewport: PHONE });
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(`${platform.url}/signin?next=//evil.example/`);
      await page.fill('#email', 'nobody@example.com');
      await page.fill('#password', 'wrong password');
      await page.click('#auth-submit');
      await expect.poll(() => page.textContent('#form-error'), eventually).toBe('Email or password is incorrect.');
      // The refusal itself is the only failed answer (the browser logs it too).
      expect(watch.problems).toEqual([expect.stringMatching(/^answer 401: POST .*\/api\/v1\/auth\/login$/), expect.stringContaining('status of 401')]);

      await page.click('#tab-signup');
      await page.fill('#email', 'offsite@example.com');
      await page.fill('#password', 'correct horse battery staple 42');
      await page.click('#auth-submit');
      await page.waitForURL(`${platform.url}/`);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'pages through a long ledger, ten entries at a time (an owner depositing in test mode)',
    async () => {
      const context = await browser().newContext({ viewport: PHONE });
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(`${testModePlatform.url}/signin?mode=signup&next=/accounts/`);
      await page.fill('#email', 'ledger@example.com');
      await page.fill('#password', 'correct horse battery staple 42');
      await page.click('#auth-submit');
      await page.waitForURL(`${testModePlatform.url}/accounts/`);
      await page.click('#open-submit');
      await expect.poll(() => page.locator('#account-list [data-account-id]').count(), eventually).toBe(1);
      expect(await page.textContent('#deposit-form h3')).toBe('Deposit (test mode)');
      for (let i = 1; i <= 12; i++) {
        await page.fill('#deposit-amount', `${i}.00`);
        await page.click('#deposit-submit');
        await expect.poll(() => page.textContent('#account-list .balance'), eventually).toBe(`${(i * (i + 1)) / 2}.00`);
      }
      await expect.poll(() => page.locator('#ledger-rows tr').first().textContent(), eventually).toContain('12.00');
      expect(await page.locator('#ledger-rows tr').count()).toBe(10);
      await page.click('#ledger-more');
      await expect.poll(() => page.locator('#ledger-rows tr').count(), eventually).toBe(12);
      expect(await page.locator('#ledger-more').count()).toBe(0);
      expect(await page.locator('#ledger-rows tr').last().textContent()).toContain('1.00');
      expect(watch.problems).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'offers no deposit to a user who is not an admin when test deposits are off',
    async () => {
      const context = await browser().newContext({ viewport: PHONE });
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(`${platform.url}/signin?mode=signup&next=/accounts/`);
      await page.fill('#email', 'customer@example.com');
      await page.fill('#password', 'correct horse battery staple 42');
      await page.click('#auth-submit');
      await page.waitForURL(`${platform.url}/accounts/`);
      await page.click('#open-submit');
      await expect.poll(() => page.locator('#deposit-admin-only').count(), eventually).toBe(1);
      expect(await page.locator('#deposit-form').count()).toBe(0);
      expect(watch.problems).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'follows a short link made on the platform',
    async () => {
      const page = await browser().newPage();
      await page.goto(`${platform.url}/s/`);
      await page.fill('#url', destinationUrl);
      await page.click('#submit');
      const shortLink = page.locator('#short-link');
      await expect.poll(() => shortLink.getAttribute('href'), eventually).toMatch(new RegExp(`^${platform.url}/[0-9A-Za-z]{7}$`));
      await page.goto((await shortLink.getAttribute('href'))!);
      expect(page.url()).toBe(destinationUrl);
      expect(await page.textContent('h1')).toBe('Arrived');
      await page.close();
    },
    JOURNEY_TIMEOUT,
  );
});
