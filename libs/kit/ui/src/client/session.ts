import { ApiError, apiErrorOf, NetworkError } from './api-error';

const AUTH = '/api/v1/auth';
const STORAGE_KEY = 'mosaic.session';
const REFRESH_LOCK = 'mosaic.session.refresh';
/** Refresh when this share of the access token's life has passed. */
const REFRESH_AT = 0.8;

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly createdAt: string;
  readonly roles?: readonly string[];
}

/**
 * What survives a reload. The access token itself travels as the HttpOnly cookie
 * auth sets at login and refresh, out of reach of scripts; only the refresh token
 * and the access token's timing live here.
 */
interface StoredSession {
  readonly refreshToken: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

interface TokenAnswer {
  readonly refreshToken: string;
  readonly expiresIn: number;
}

type Listener = (user: User | null) => void;

/**
 * The browser side of a Mosaic session: who is signed in (`/me`), silent refresh
 * before the access token expires and after any 401, and sign-out that ends the
 * session on the server. Refresh tokens rotate on every use, so tabs take a lock
 * around refresh and reuse a token another tab has just obtained: two tabs never
 * spend the same refresh token (which auth would treat as theft).
 */
export class SessionClient {
  private user: User | null | undefined;
  private loading: Promise<User | null> | undefined;
  private refreshing: Promise<boolean> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor() {
    addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      if (event.newValue === null) this.changed(null);
      else this.schedule();
    });
  }

  /** The signed-in user, or null; asks the server once per page and after each change. */
  current(): Promise<User | null> {
    if (this.user !== undefined) return Promise.resolve(this.user);
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Called with the user now, and again whenever someone signs in or out (in any tab). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.current().then((user) => this.listeners.has(listener) && listener(user));
    return () => this.listeners.delete(listener);
  }

  async signIn(email: string, password: string): Promise<User> {
    const tokens = await post<TokenAnswer>(`${AUTH}/login`, { email, password });
    this.store(tokens);
    this.user = undefined;
    const user = await this.current();
    if (!user) throw new ApiError(401, 'unauthenticated', 'Signed in, but the session did not stick');
    this.changed(user);
    return user;
  }

  async signUp(email: string, password: string, name?: string): Promise<User> {
    await post(`${AUTH}/register`, name ? { email, password, name } : { email, password });
    return this.signIn(email, password);
  }

  /** Ends the session on the server (the refresh token stops working) and here. */
  async signOut(): Promise<void> {
    const stored = readStored();
    clearTimeout(this.timer);
    localStorage.removeItem(STORAGE_KEY);
    try {
      if (stored) await post(`${AUTH}/logout`, { refreshToken: stored.refreshToken });
    } finally {
      this.changed(null);
    }
  }

  /**
   * `fetch` for the APIs: same-origin credentials, and one silent refresh and retry
   * when the answer is 401 while a session exists.
   */
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    let stored = readStored();
    if (stored && isDue(stored)) await this.refresh();
    stored = readStored();
    let response = await send(input, init);
    if (response.status === 401 && stored && (await this.refresh(stored.refreshToken))) response = await send(input, init);
    return response;
  }

  /**
   * Trades the refresh token for fresh tokens; false (and signed out) when auth refuses
   * it. `rejected` is the refresh token of a session whose access token was just
   * refused: it is renewed even if not due yet.
   */
  refresh(rejected?: string): Promise<boolean> {
    this.refreshing ??= withLock(() => this.refreshNow(rejected)).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshNow(rejected: string | undefined): Promise<boolean> {
    const stored = readStored();
    if (!stored) return false;
    // Another tab may have refreshed while this one waited for the lock.
    const renewedElsewhere = rejected === undefined ? !isDue(stored) : stored.refreshToken !== rejected;
    if (renewedElsewhere) {
      this.schedule();
      return true;
    }
    try {
      this.store(await post<TokenAnswer>(`${AUTH}/refresh`, { refreshToken: stored.refreshToken }));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        localStorage.removeItem(STORAGE_KEY);
        this.changed(null);
      }
      return false;
    }
  }

  private async load(): Promise<User | null> {
    if (!readStored()) return (this.user = null);
    const response = await this.fetch(`${AUTH}/me`, { headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      localStorage.removeItem(STORAGE_KEY);
      return (this.user = null);
    }
    if (!response.ok) throw await apiErrorOf(response);
    this.schedule();
    return (this.user = (await response.json()) as User);
  }

  private store(tokens: TokenAnswer): void {
    const now = Date.now();
    const session: StoredSession = { refreshToken: tokens.refreshToken, issuedAt: now, expiresAt: now + tokens.expiresIn * 1000 };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const stored = readStored();
    if (!stored) return;
    const at = stored.issuedAt + (stored.expiresAt - stored.issuedAt) * REFRESH_AT;
    this.timer = setTimeout(() => void this.refresh(), Math.max(0, at - Date.now()));
  }

  private changed(user: User | null): void {
    if (user === null) clearTimeout(this.timer);
    this.user = user;
    for (const listener of this.listeners) listener(user);
  }
}

function readStored(): StoredSession | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return value && typeof value.refreshToken === 'string' && typeof value.expiresAt === 'number' ? value : null;
  } catch {
    return null;
  }
}

function isDue(stored: StoredSession): boolean {
  return Date.now() >= stored.issuedAt + (stored.expiresAt - stored.issuedAt) * REFRESH_AT;
}

/** Web Locks where the browser has them (secure contexts); elsewhere one tab's promise suffices. */
function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request(REFRESH_LOCK, work) as Promise<T>) : work();
}

async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { credentials: 'same-origin', ...init });
  } catch {
    throw new NetworkError();
  }
}

async function post<T = unknown>(path: string, body: unknown): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await apiErrorOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The page's one session client. */
export const session = new SessionClient();
