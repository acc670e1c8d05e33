import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';

const run = randomBytes(3).toString('hex');
let sequence = 0;

/** Registers a user through the auth routes and logs in: the bearer header for their requests. */
export async function signedUpUser(app: Express | string, name: string): Promise<{ userId: string; auth: { Authorization: string } }> {
  const email = `${name}.${run}.${++sequence}@example.com`;
  const password = 'correct horse battery staple';
  const registered = await request(app).post('/api/v1/auth/register').send({ email, password, name });
  if (registered.status !== 201) throw new Error(`register ${name}: ${registered.status} ${JSON.stringify(registered.body)}`);
  const session = await request(app).post('/api/v1/auth/login').send({ email, password });
  if (session.status !== 200) throw new Error(`login ${name}: ${session.status} ${JSON.stringify(session.body)}`);
  return { userId: registered.body.id as string, auth: { Authorization: `Bearer ${session.body.accessToken as string}` } };
}
