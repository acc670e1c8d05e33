import { randomBytes } from 'node:crypto';

const run = randomBytes(3).toString('hex');
let sequence = 0;

export interface ApiResponse<Body = unknown> {
  status: number;
  body: Body;
  headers: Headers;
}

/** A gitbitex-like client: JSON over fetch, the session in the `accessToken` cookie. */
export class ExchangeClient {
  cookie: string | undefined;
  token: string | undefined;
  userId: string | undefined;

  constructor(readonly url: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field in the tests
  async call<Body = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<Body>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Body, headers: res.headers };
  }

  /** Signs up and signs in a fresh user; keeps the cookie and the token. */
  async signUp(name: string): Promise<this> {
    const email = `${name}.${run}.${++sequence}@example.com`;
    const password = 'correct horse battery staple';
    const created = await this.call('POST', '/api/users', { email, password });
    if (created.status !== 201) throw new Error(`sign-up ${name}: ${created.status} ${JSON.stringify(created.body)}`);
    await this.signIn(email, password);
    this.userId = created.body.id;
    return this;
  }

  async signIn(email: string, password: string): Promise<ApiResponse<string>> {
    const res = await fetch(`${this.url}/api/users/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as string;
    if (res.status === 200) {
      this.token = body;
      this.cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    }
    return { status: res.status, body, headers: res.headers };
  }

  deposit(currency: string, amount: string) {
    return this.call('POST', '/api/admin/deposits', { currency, amount });
  }

  order(body: Record<string, unknown>) {
    return this.call('POST', '/api/orders', body);
  }
}
