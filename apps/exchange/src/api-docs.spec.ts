import { apiDocumentProblems } from '@mosaic/kit-http';
import { afterAll, describe, expect, it } from 'vitest';
import { runningExchange } from './test-support/composed-exchange';

describe('the exchange app API document', async () => {
  const exchange = await runningExchange();
  afterAll(() => exchange.close());
  const document = (await (await fetch(`${exchange.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
  };

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(exchange.app, document as unknown as Parameters<typeof apiDocumentProblems>[1])).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/signin',
        '/api/v1/auth/login',
        '/api/products',
        '/api/orders',
        '/api/orders/{id}',
        '/api/users/accessToken',
        '/api/products/{id}/candles',
      ]),
    );
    expect(document.paths['/api/orders'].post.requestBody?.content['application/json'].schema.required).toEqual(['productId', 'side']);
  });

  it('serves the interactive reference', async () => {
    const docs = await fetch(`${exchange.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it("serves one sign-in page, kit-ui's, declared once", async () => {
    expect(Object.keys(document.paths['/signin'] ?? {})).toEqual(['get']);
    const page = await fetch(`${exchange.url}/signin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" src="\/assets\/sign-in-page\.[0-9a-f]{12}\.js"/);
  });
});
