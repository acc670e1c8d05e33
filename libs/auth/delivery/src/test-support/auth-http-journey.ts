import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { aRegistration } from './auth-test-app';

/**
 * Register → login → me → refresh → me → logout over HTTP, asserting every answer;
 * run against each storage backend unchanged.
 */
export async function registerLoginRefreshLogoutJourney(app: Express): Promise<void> {
  const registration = aRegistration();
  const registered = await request(app).post('/api/v1/auth/register').send(registration);
  expect(registered.status).toBe(201);
  expect(registered.body).toEqual({ id: expect.stringMatching(/^\d+$/), email: registration.email, name: 'Grace Hopper', createdAt: expect.any(String) });

  const login = await request(app).post('/api/v1/auth/login').send({ email: registration.email, password: registration.password });
  expect(login.status).toBe(200);
  expect(login.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });

  const me = await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
  expect(me.status).toBe(200);
  expect(me.body).toEqual({ ...registered.body, roles: ['user'] });

  const refreshed = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
  expect(refreshed.status).toBe(200);
  expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);

  const meAgain = await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshed.body.accessToken}`);
  expect(meAgain.body).toEqual({ ...registered.body, roles: ['user'] });

  const logout = await request(app).post('/api/v1/auth/logout').send({ refreshToken: refreshed.body.refreshToken });
  expect(logout.status).toBe(204);

  const afterLogout = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken });
  expect(afterLogout.status).toBe(401);
  expect(afterLogout.body.error.code).toBe('refresh_token_revoked');
}
