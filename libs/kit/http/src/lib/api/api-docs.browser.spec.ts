import { createLogger } from '@mosaic/kit-log';
import { describeWithChromium } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRouter, buildHttpApp, startServer, type RunningServer } from '../../index';

/** Swagger UI must work under the page's own CSP: scripts from the origin only, no inline ones. */
describeWithChromium('the API reference in Chromium', (browser) => {
  let server: RunningServer;

  beforeAll(async () => {
    const notes = apiRouter({ tags: ['notes'] }).define(
      { method: 'post', path: '/notes', summary: 'Write a note', request: { body: z.strictObject({ text: z.string().max(100) }) } },
      (_req, res, { body }) => {
        res.status(201).json(body);
      },
    );
    const http = buildHttpApp({ logger: createLogger({ name: 'docs-browser', level: 'silent', pretty: false }), mount: (app) => app.use('/api/v1', notes) });
    server = await startServer(http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
  }, 60_000);

  afterAll(async () => {
    await server?.shutdown();
  });

  it('renders every operation with no CSP violation', async () => {
    const page = await browser().newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${server.url}/docs`);
    const operation = page.locator('.opblock-summary-path', { hasText: '/api/v1/notes' });
    await operation.waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock-summary-description', { hasText: 'Write a note' }).count()).toBe(1);
    expect(await page.locator('.opblock-summary-path', { hasText: '/health' }).count()).toBe(1);
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
