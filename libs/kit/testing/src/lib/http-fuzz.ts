import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';

/** A route as kit-http's RouteTable lists it (read from the express router stack). */
export interface FuzzedRoute {
  readonly template: string;
  readonly methods: readonly string[];
}

export interface HttpFuzzOptions {
  /** Requests to send; bounded so the property stays a unit test. Default 300. */
  runs?: number;
  /** Header sets to pick from besides random ones, e.g. a valid Authorization. */
  headerSets?: readonly Record<string, string>[];
  /** A fixed seed replays a failure. */
  seed?: number;
  /** Field names the app's bodies read, besides the common ones, so random bodies reach its validation and use cases. */
  bodyKeys?: readonly string[];
  /** Query parameter names the app reads, besides the common paging ones. */
  queryKeys?: readonly string[];
}

export interface FuzzedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const BODY_KEYS = [
  'url',
  'alias',
  'expiresAt',
  'amount',
  'from',
  'to',
  'currency',
  'email',
  'password',
  'displayName',
  'refreshToken',
  'longURL',
  'number',
  'bankName',
  'accountId',
  'pointsId',
  'cardNumber',
  'province',
  'city',
  'district',
  'line',
];
const QUERY_KEYS = ['cursor', 'limit', 'before', 'after', 'q'];

const oddText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1.5',
    '1e309',
    '99999999999999999999999999',
    'null',
    'true',
    '__proto__',
    'constructor',
    '..',
    '%00',
    '%ZZ',
    'a'.repeat(300),
    '<script>',
    "' OR 1=1 --",
  ),
);
const jsonLeaf = fc.oneof(oddText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

function bodyOf(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.constantFrom(...keys);
  const jsonValue = fc.oneof(jsonLeaf, fc.array(jsonLeaf, { maxLength: 4 }), fc.dictionary(key, jsonLeaf, { maxKeys: 4 }));
  return fc.oneof(
    fc.dictionary(key, jsonValue, { maxKeys: 6 }).map((value) => JSON.stringify(value)),
    jsonValue.map((value) => JSON.stringify(value)),
    fc.constantFrom('{', '{"url": ', '[1,2', '\u0000', '{"a":1}{"b":2}', '"unterminated'),
    oddText,
  );
}
const segment = fc.oneof(
  oddText.map(encodeURIComponent),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
  fc.constantFrom('%', '%ZZ', '..', '%2e%2e', '%2F', '%00', ';', '~'),
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      'nonsense',
    ),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
    accept: fc.constantFrom('application/json', '*/*', 'text/html', 'image/svg+xml', 'nonsense'),
    authorization: fc.oneof(
      fc.constantFrom('Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'),
      oddText.map((text) => `Bearer ${text.replace(/[^\x21-\x7e]/g, '')}`),
    ),
    cookie: fc.constantFrom('access_token=garbage', 'a=b; c', '=;=;'),
    'idempotency-key': fc.stringMatching(/^[\x21-\x7e]{0,200}$/),
    'x-request-id': fc.stringMatching(/^[\x21-\x7e]{0,200}$/),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
  },
  { requiredKeys: [] },
);

/** Fills a route template's parameters (`:id`, `*rest`) with odd values, then mutates the path a little. */
function pathFor(route: FuzzedRoute, queryKeys: readonly string[]): fc.Arbitrary<string> {
  const names = [...route.template.matchAll(/[:*](\w+)/g)].map((match) => match[1]);
  return fc
    .record({
      values: fc.array(segment, { minLength: names.length, maxLength: names.length }),
      suffix: fc.constantFrom('', '', '', '/', '/extra', '//', '/..'),
      query: fc.option(fc.dictionary(fc.constantFrom(...queryKeys), oddText, { maxKeys: 3 }), { nil: undefined }),
    })
    .map(({ values, suffix, query }) => {
      let index = 0;
      const path = route.template.replace(/[:*](\w+)/g, () => values[index++] ?? 'x').replace(/[{}]/g, '') + suffix;
      const search = query
        ? `?${Object.entries(query)
            .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
            .join('&')}`
        : '';
      return path + search;
    });
}

function requestsFor(routes: readonly FuzzedRoute[], options: HttpFuzzOptions): fc.Arbitrary<FuzzedRequest> {
  const body = bodyOf([...new Set([...BODY_KEYS, ...(options.bodyKeys ?? [])])]);
  const queryKeys = [...new Set([...QUERY_KEYS, ...(options.queryKeys ?? [])])];
  const headerSets = options.headerSets ?? [];
  const known = headerSets.length > 0 ? fc.constantFrom(...headerSets) : fc.constant({});
  return fc
    .constantFrom(...routes)
    .chain((route) =>
      fc.record({
        method: fc.oneof(fc.constantFrom(...route.methods), fc.constantFrom(...METHODS)),
        path: pathFor(route, queryKeys),
        headers: fc.tuple(known, headers).map(([fixed, random]) => ({ ...random, ...fixed })),
        body: fc.option(body, { nil: undefined }),
      }),
    )
    .map((request) => (request.method === 'GET' || request.method === 'HEAD' ? { ...request, body: undefined } : request));
}

/** What is wrong with one answer, or undefined when it keeps the rules. */
async function violationOf(request: FuzzedRequest, response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 500) return `answered ${response.status}: ${text.slice(0, 300)}`;
  if (response.status < 400 || request.method === 'HEAD') return undefined;
  const type = response.headers.get('content-type') ?? '';
  // Pages answer browsers in HTML; everyone else gets the JSON error shape.
  if (type.includes('text/html') && (request.headers.accept ?? '').includes('text/html')) return undefined;
  if (!type.includes('application/json')) return `answered ${response.status} as ${type || 'no content type'}: ${text.slice(0, 200)}`;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string' && error.code !== '' && typeof error.message === 'string') return undefined;
  } catch {
    // reported below
  }
  return `answered ${response.status} without the error shape: ${text.slice(0, 200)}`;
}

/**
 * Sends random and mutated requests (methods, paths built from every mounted route's
 * template, headers, bodies) at an app, and fails on any 5xx or any 4xx without the
 * `{ error: { code, message } }` shape. The app listens on a loopback port for the run.
 */
export async function fuzzHttpApp(app: RequestListener, routes: readonly FuzzedRoute[], options: HttpFuzzOptions = {}): Promise<void> {
  if (routes.length === 0) throw new Error('no routes to fuzz');
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fc.assert(
      fc.asyncProperty(requestsFor(routes, options), async (request) => {
        const response = await fetch(`${base}${request.path.startsWith('/') ? '' : '/'}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
        });
        const violation = await violationOf(request, response);
        if (violation) throw new Error(`${request.method} ${request.path}: ${violation}`);
      }),
      { numRuns: options.runs ?? 300, seed: options.seed, endOnFailure: true },
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
