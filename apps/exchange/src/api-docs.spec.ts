import { apiDocumentProblems } from '@mosaic/kit-http';
import { afterAll, describe, expect, it } from 'vitest';
import { runningExchange } from './test-support/composed-exchange';

describe('the exchange app API document', async () => {
  const exchange = await runningExchange();
  afterAll(() => exchange.close());
  const document = (await (await fetch(`${exchange.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> };

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(exchange.app, document as unknown as Parameters<typeof apiDocumentProblems>[1])).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/', '/api/products', '/api/orders', '/api/orders/{id}', '/api/users/accessToken', '/api/products/{id}/candles']));
    expect(document.paths['/api/orders'].post.requestBody?.content['application/json'].schema.required).toEqual(['productId', 'side']);
  });
});
