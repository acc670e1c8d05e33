import { apiDocumentProblems } from '@mosaic/kit-http';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { composedAccount } from './test-support/composed-account';

describe('the account app API document', async () => {
  const composed = await composedAccount({});
  afterAll(() => composed.close());
  const { app } = composed.http;
  const document = (await request(app).get('/openapi.json').expect(200)).body;

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(app, document)).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/register', '/api/v1/accounts', '/api/v1/transfers', '/api/v1/points/{id}']),
    );
    expect(document.paths['/api/v1/transfers'].post.requestBody.content['application/json'].schema.required).toEqual(['from', 'to', 'amount']);
  });

  it('serves the interactive reference', async () => {
    expect((await request(app).get('/docs')).status).toBe(200);
  });
});
