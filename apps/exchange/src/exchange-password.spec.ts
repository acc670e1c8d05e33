import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

const OLD_PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase for carol';

describe('POST /api/users/password (gitbitex contract, on auth’s change-password use case)', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  const email = `carol.${randomBytes(3).toString('hex')}@example.com`;

  beforeAll(async () => {
    exchange = await runningExchange();
    const created = await new ExchangeClient(exchange.url).call('POST', '/api/users', { email, password: OLD_PASSWORD });
    expect(created.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
  });

  it('refuses a weak new password with a 400 and changes nothing', async () => {
    const carol = new ExchangeClient(exchange.url);
    expect((await carol.signIn(email, OLD_PASSWORD)).status).toBe(200);
    const res = await carol.call('POST', '/api/users/password', { oldPassword: OLD_PASSWORD, newPassword: 'short' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: expect.any(String), error: { code: 'weak_password' } });
    expect((await carol.call('GET', '/api/users/self')).status).toBe(200);
    expect((await new ExchangeClient(exchange.url).signIn(email, OLD_PASSWORD)).status).toBe(200);
  });

  it('refuses a change signed out, and a wrong current password', async () => {
    const anonymous = new ExchangeClient(exchange.url);
    expect((await anonymous.call('POST', '/api/users/password', { oldPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
    const carol = new ExchangeClient(exchange.url);
    expect((await carol.signIn(email, OLD_PASSWORD)).status).toBe(200);
    const wrong = await carol.call('POST', '/api/users/password', { oldPassword: 'not the password at all', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'wrong_password' } });
    expect((await new ExchangeClient(exchange.url).signIn(email, OLD_PASSWORD)).status).toBe(200);
  });

  it('changes the password: the old cookie and token stop working, the new password signs in, the old one is refused', async () => {
    const carol = new ExchangeClient(exchange.url);
    expect((await carol.signIn(email, OLD_PASSWORD)).status).toBe(200);
    const oldToken = carol.token;
    expect((await carol.call('GET', '/api/users/self')).status).toBe(200);

    const changed = await carol.call('POST', '/api/users/password', { oldPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);

    // Every session that knew the old password ends, this one's cookie (and the bare token the WebSocket uses) included.
    expect((await carol.call('GET', '/api/users/self')).status).toBe(403);
    const withOldToken = new ExchangeClient(exchange.url);
    withOldToken.cookie = `accessToken=${oldToken}`;
    expect((await withOldToken.call('GET', '/api/users/self')).status).toBe(403);
    // Public market data and the trading page ignore the stale cookie.
    expect((await withOldToken.call('GET', '/api/products')).status).toBe(200);
    expect((await fetch(`${exchange.url}/`, { headers: { cookie: withOldToken.cookie, accept: 'text/html' } })).status).toBe(200);

    const refused = await new ExchangeClient(exchange.url).signIn(email, OLD_PASSWORD);
    // 400, not 401: a 401 would send the gitbitex client into its sign-in loop.
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'invalid_credentials' } });

    const again = new ExchangeClient(exchange.url);
    expect((await again.signIn(email, NEW_PASSWORD)).status).toBe(200);
    const self = await again.call('GET', '/api/users/self');
    expect(self.status).toBe(200);
    expect(self.body).toMatchObject({ email });
  });
});
