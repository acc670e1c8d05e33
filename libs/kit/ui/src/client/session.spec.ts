import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionClient, User } from './session';

/** A stand-in for the auth API: rotating refresh tokens, an access cookie that expires when told. */
class FakeAuth {
  calls: string[] = [];
  accessValid = false;
  refreshToken = 'r1';
  readonly user: User = { id: '7', email: 'ada@example.com', name: 'Ada', createdAt: '2026-01-01T00:00:00.000Z' };

  fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, string>) : {};
    this.calls.push(`${init.method ?? 'GET'} ${input}`);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    const refused = (code: string) => json(401, { error: { code, message: code } });
    switch (input) {
      case '/api/v1/auth/login':
        this.accessValid = true;
        return json(200, { accessToken: 'a', refreshToken: this.refreshToken, expiresIn: 900, tokenType: 'Bearer' });
      case '/api/v1/auth/refresh':
        if (body.refreshToken !== this.refreshToken) return refused('refresh_token_reused');
        this.refreshToken = `r${Number(this.refreshToken.slice(1)) + 1}`;
        this.accessValid = true;
        return json(200, { accessToken: 'a', refreshToken: this.refreshToken, expiresIn: 900, tokenType: 'Bearer' });
      case '/api/v1/auth/logout':
        this.refreshToken = 'revoked';
        return new Response(null, { status: 204 });
      default:
        return this.accessValid ? json(200, input === '/api/v1/auth/me' ? this.user : { ok: true }) : refused('token_expired');
    }
  };
}

let auth: FakeAuth;
let session: SessionClient;

beforeEach(async () => {
  vi.resetModules();
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  });
  vi.stubGlobal('addEventListener', () => undefined);
  vi.stubGlobal('navigator', {});
  auth = new FakeAuth();
  vi.stubGlobal('fetch', auth.fetch);
  ({ session } = await import('./session'));
});

describe('the session client', () => {
  it('knows nobody is signed in without asking the server', async () => {
    expect(await session.current()).toBeNull();
    expect(auth.calls).toEqual([]);
  });

  it('signs in and reads the user from /me', async () => {
    const seen: (User | null)[] = [];
    session.subscribe((user) => seen.push(user));
    expect(await session.signIn('ada@example.com', 'pw')).toEqual(auth.user);
    expect(auth.calls).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/auth/me']);
    expect(seen.at(-1)).toEqual(auth.user);
  });

  it('refreshes once after a 401, for all requests waiting on it, and retries them', async () => {
    await session.signIn('ada@example.com', 'pw');
    auth.accessValid = false;
    auth.calls = [];
    const answers = await Promise.all([session.fetch('/api/v1/accounts'), session.fetch('/api/v1/points')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(auth.calls.filter((c) => c === 'POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(auth.refreshToken).toBe('r2');
  });

  it('signs out when auth refuses the refresh token', async () => {
    await session.signIn('ada@example.com', 'pw');
    const seen: (User | null)[] = [];
    session.subscribe((user) => seen.push(user));
    auth.accessValid = false;
    auth.refreshToken = 'rotated-elsewhere';
    expect((await session.fetch('/api/v1/accounts')).status).toBe(401);
    expect(seen.at(-1)).toBeNull();
    expect(await session.current()).toBeNull();
  });

  it('ends the session on the server at sign-out', async () => {
    await session.signIn('ada@example.com', 'pw');
    await session.signOut();
    expect(auth.calls.at(-1)).toBe('POST /api/v1/auth/logout');
    expect(auth.refreshToken).toBe('revoked');
    expect(await session.current()).toBeNull();
  });
});
