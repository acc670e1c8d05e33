import { apiDocumentProblems } from '@mosaic/kit-http';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { composedFlashsale } from './test-support/composed-flashsale';

describe('the flash-sale app API document', async () => {
  const composed = await composedFlashsale({});
  afterAll(() => composed.close());
  const { app } = composed.http;
  const document = (await request(app).get('/openapi.json').expect(200)).body;

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(app, document)).toEqual([]);
    expect(document.info.title).toBe('Mosaic flash sale');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/signin',
        '/sales/active',
        '/sales/{id}/items',
        '/items/{id}/image.svg',
        '/checkout',
        '/purchase',
        '/api/v1/flashsale/checkout',
        '/api/v1/flashsale/orders/{id}',
        '/api/v1/flashsale/orders/{id}/cancel',
      ]),
    );
    const seedCheckout = document.paths['/checkout'].post.parameters.map((parameter: { name: string; in: string; required?: boolean }) => [
      parameter.in,
      parameter.name,
      parameter.required,
    ]);
    expect(seedCheckout).toEqual([
      ['query', 'user_id', true],
      ['query', 'id', true],
    ]);
    expect(document.paths['/api/v1/flashsale/orders'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/'].get.tags).toEqual(['pages']);
  });

  it('serves the interactive reference', async () => {
    expect((await request(app).get('/docs')).status).toBe(200);
  });
});
