import { createTestAppContext } from '@mosaic/kit-app';
import { apiDocumentProblems } from '@mosaic/kit-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

describe('the urlshortener app API document', async () => {
  const { app } = (await composeUrlshortener(await createTestAppContext({}))).http;
  const document = (await request(app).get('/openapi.json').expect(200)).body;

  it('documents every mounted route, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(app, document)).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/', '/{code}', '/api/v1/links', '/api/v1/links/{code}/qr.svg', '/api/v1/data/shorten']),
    );
    expect(document.paths['/api/v1/links'].post.security).toEqual([{}, { bearerAuth: [] }]);
  });

  it('serves the interactive reference', async () => {
    expect((await request(app).get('/docs')).status).toBe(200);
  });
});
