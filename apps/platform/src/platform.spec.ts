import { embeddedAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

describe('platform', async () => {
  const { app } = (await createPlatform(await embeddedAppContext())).http;

  it('lists every domain on its landing page', async () => {
    const res = await request(app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    for (const name of ['URL shortener', 'Auth', 'Account', 'Chat', 'Exchange', 'Flash sale']) expect(res.text).toContain(name);
  });

  it('is live and ready on the embedded default', async () => {
    expect((await request(app).get('/health')).status).toBe(200);
    expect((await request(app).get('/ready')).status).toBe(200);
  });

  it('answers unknown API routes with JSON', async () => {
    const res = await request(app).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
  });
});
