import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAppContext } from '@mosaic/kit-app';
import { apiDocumentProblems } from '@mosaic/kit-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

describe('the platform API document', async () => {
  const { app } = (await createPlatform(await createTestAppContext({ EXCHANGE_DATA_DIR: mkdtempSync(join(tmpdir(), 'platform-exchange-')) }))).http;
  const document = (await request(app).get('/openapi.json').expect(200)).body;

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(app, document)).toEqual([]);
    expect(document.info.title).toBe('Mosaic platform');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/whoami',
        '/api/v1/accounts/{id}/ledger',
        '/api/v1/links',
        '/{code}',
        '/s/',
        '/health',
        '/docs',
        '/signin',
        '/flashsale',
        '/flashsale/checkout',
        '/api/v1/flashsale/orders/{id}/pay',
      ]),
    );
    expect(document.paths['/api/v1/whoami'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('serves the interactive reference', async () => {
    const page = await request(app).get('/docs').expect(200);
    expect(page.text).toContain('/docs/swagger-ui-bundle.js');
  });
});
