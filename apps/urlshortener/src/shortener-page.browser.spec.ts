import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestAppContext } from '@mosaic/kit-app';
import { startServer, type RunningServer } from '@mosaic/kit-http';
import { describeWithChromium } from '@mosaic/kit-testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

describeWithChromium('the shortener page in Chromium', (browser) => {
  let shortener: RunningServer;
  let destination: Server;
  let destinationUrl: string;

  beforeAll(async () => {
    const composed = await composeUrlshortener(await createTestAppContext());
    shortener = await startServer(composed.http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
    // Where the short link leads: a page on this machine, as the browser may not reach the internet.
    destination = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>You have arrived</h1>'));
    destination.listen(0, '127.0.0.1');
    await once(destination, 'listening');
    destinationUrl = `http://127.0.0.1:${(destination.address() as AddressInfo).port}/landing?from=browser-test`;
  }, 60_000);

  afterAll(async () => {
    destination?.close();
    await shortener?.shutdown();
  });

  /** A loaded machine may take a while to run a page; wait for what it shows, not a fixed time. */
  const eventually = { timeout: 15_000 };

  async function openPage(): Promise<Page> {
    const context = await browser().newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shortener.url });
    const page = await context.newPage();
    await page.goto(`${shortener.url}/`);
    return page;
  }

  it('shortens a URL, copies it, shows its QR code and remembers it, and the short link leads to the URL', async () => {
    const page = await openPage();
    await page.fill('#url', destinationUrl);
    await page.click('#submit');
    const shortLink = page.locator('#short-link');
    await expect.poll(() => shortLink.getAttribute('href'), eventually).toMatch(new RegExp(`^${shortener.url}/[0-9A-Za-z]{7}$`));
    const shortUrl = (await shortLink.getAttribute('href'))!;
    expect(await shortLink.textContent()).toBe(shortUrl);

    // Evaluated in the page, as strings: this workspace compiles without the DOM's types.
    await expect.poll(() => page.evaluate<number>("document.getElementById('qr').naturalWidth"), eventually).toBeGreaterThan(0);
    await page.click('#copy');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(shortUrl);

    await page.reload();
    await expect.poll(() => page.locator('#recent li a').first().textContent(), eventually).toBe(shortUrl);

    const response = await page.goto(shortUrl);
    expect(page.url()).toBe(destinationUrl);
    expect(response?.status()).toBe(200);
    expect(await page.textContent('h1')).toBe('You have arrived');

    await page.goto(`${shortener.url}/`);
    await expect.poll(() => page.locator('#recent li .clicks').first().textContent(), eventually).toBe('1 click');
    await page.context().close();
  });

  it('shows why a URL was refused', async () => {
    const page = await openPage();
    await page.fill('#url', 'javascript:alert(document.cookie)');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#error'), eventually).toContain('Only http and https URLs can be shortened');
    expect(await page.isHidden('#result')).toBe(true);
    await page.context().close();
  });

  it('shows the 404 page for a short link that does not exist', async () => {
    const page = await openPage();
    const response = await page.goto(`${shortener.url}/doesNotExist`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('This short link does not exist');
    await page.context().close();
  });
});
