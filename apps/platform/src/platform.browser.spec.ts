import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestAppContext } from '@mosaic/kit-app';
import { startServer, type RunningServer } from '@mosaic/kit-http';
import { describeWithChromium } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPlatform } from './platform';

/** The newcomer's path: the landing page, the shortener at /s/, and the short link. */
describeWithChromium('the platform in Chromium', (browser) => {
  let platform: RunningServer;
  let destination: Server;
  let destinationUrl: string;

  beforeAll(async () => {
    platform = await startServer((await createPlatform(await createTestAppContext({ EXCHANGE_DATA_DIR: mkdtempSync(join(tmpdir(), 'platform-exchange-')) }))).http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
    destination = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Arrived</h1>'));
    destination.listen(0, '127.0.0.1');
    await once(destination, 'listening');
    destinationUrl = `http://127.0.0.1:${(destination.address() as AddressInfo).port}/article?id=7`;
  }, 60_000);

  afterAll(async () => {
    destination?.close();
    await platform?.shutdown();
  });

  it('goes from the landing page to the shortener, shortens a URL and follows the short link', async () => {
    const page = await browser().newPage();
    await page.goto(`${platform.url}/`);
    await page.click('text=URL shortener');
    expect(new URL(page.url()).pathname).toBe('/s/');
    await page.fill('#url', destinationUrl);
    await page.click('#submit');
    const shortLink = page.locator('#short-link');
    await expect.poll(() => shortLink.getAttribute('href'), { timeout: 15_000 }).toMatch(new RegExp(`^${platform.url}/[0-9A-Za-z]{7}$`));
    await page.goto((await shortLink.getAttribute('href'))!);
    expect(page.url()).toBe(destinationUrl);
    expect(await page.textContent('h1')).toBe('Arrived');
    await page.close();
  });
});
