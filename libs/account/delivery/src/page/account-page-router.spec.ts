import { SUPPORTED_CURRENCIES } from '@mosaic/account-domain';
import { buildHttpApp, STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { accountPageRouter } from './account-page-router';

const { app } = buildHttpApp({
  logger: createLogger({ name: 'test', level: 'silent', pretty: false }),
  mount: (app) => app.use(accountPageRouter('/accounts/')),
});

describe('the account page', () => {
  it('is served in the shared shell under the strict policy, offering every supported currency', async () => {
    const res = await request(app).get('/accounts/').expect(200);
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    expect(res.text).toContain('<title>Accounts · Mosaic</title>');
    expect(res.text).toContain(`data-currencies="${SUPPORTED_CURRENCIES.join(',')}"`);
    expect(res.text).toContain('data-test-deposits="false"');
  });

  it("tells the page when the API lets owners deposit (test mode), so it offers the owner's deposit form", async () => {
    const testMode = buildHttpApp({
      logger: createLogger({ name: 'test', level: 'silent', pretty: false }),
      mount: (app) => app.use(accountPageRouter('/accounts/', { allowTestDeposits: true })),
    });
    expect((await request(testMode.app).get('/accounts/').expect(200)).text).toContain('data-test-deposits="true"');
  });

  it('bundles its script, which calls the account API with an Idempotency-Key', async () => {
    const html = (await request(app).get('/accounts/')).text;
    const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/account-page\.[0-9a-f]{12}\.js$/);
    const bundle = await request(app).get(script!).expect(200);
    expect(bundle.text).toContain('/transfers');
    expect(bundle.text).toContain('Idempotency-Key');
    const style = /<link rel="stylesheet" href="(\/assets\/account-page\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    expect((await request(app).get(style!)).status).toBe(200);
  });
});
