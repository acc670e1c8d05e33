import { Latencies } from './latency';

export interface ContestOptions {
  /** Where the flash sale's routes are (at the root); a function so a restarted server can move. */
  readonly baseUrl: () => string;
  readonly saleId: string;
  readonly total: number;
  readonly users: number;
  /** Shoppers active at once; the rest wait their turn. */
  readonly concurrency: number;
  /** Every n-th shopper tries to buy more than the limit. */
  readonly greedyEvery: number;
  readonly limit: number;
  /** Items checked out before each purchase; default 3. */
  readonly basketSize?: number;
  /** Shoppers give up after this (the report then shows what is left). */
  readonly deadlineMs: number;
}

export interface ContestReport {
  readonly durationMs: number;
  readonly requests: number;
  readonly checkout: Latencies;
  readonly purchase: Latencies;
  /** What each shopper was told they bought. */
  readonly bought: ReadonlyMap<string, readonly string[]>;
  /** Items more than one shopper was told they bought. */
  readonly oversold: number;
  /** Items shoppers were told they bought beyond the limit, summed. */
  readonly perUserExcess: number;
  readonly limitRefusals: number;
  /** Failed requests by status and code (503s and refused connections during a crash, for instance). */
  readonly failures: ReadonlyMap<string, number>;
}

const MISSES_BEFORE_LOOKING = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const itemId = (saleId: string, index: number) => `${saleId}-${String(index).padStart(5, '0')}`;

/**
 * Simulated shoppers racing for one sale over HTTP: each wants 1 to `limit` items
 * (greedy ones more), checks out a few at a time from a random starting point, buys,
 * and carries on until satisfied, refused by the limit, or the sale is sold out. Only
 * talks to the given base URL (127.0.0.1 in tests and the benchmark).
 */
export async function runContest(options: ContestOptions): Promise<ContestReport> {
  const checkout = new Latencies();
  const purchase = new Latencies();
  const bought = new Map<string, string[]>();
  const failures = new Map<string, number>();
  let requests = 0;
  let limitRefusals = 0;
  const started = performance.now();
  const deadline = Date.now() + options.deadlineMs;
  const basketSize = options.basketSize ?? 3;

  const fail = (key: string) => failures.set(key, (failures.get(key) ?? 0) + 1);
  async function post(path: string, latencies: Latencies): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
    const begin = performance.now();
    requests++;
    try {
      const response = await fetch(`${options.baseUrl()}${path}`, { method: 'POST' });
      const body = (await response.json()) as Record<string, unknown>;
      latencies.add(performance.now() - begin);
      return { status: response.status, body };
    } catch (error) {
      fail(`network:${(error as { cause?: { code?: string } }).cause?.code ?? 'error'}`);
      await sleep(50);
      return undefined;
    }
  }
  async function remaining(): Promise<number> {
    try {
      const response = await fetch(`${options.baseUrl()}/sales/${options.saleId}`);
      return response.ok ? Number(((await response.json()) as { remaining: number }).remaining) : 1;
    } catch {
      return 1;
    }
  }

  // The end game: with few items left, shoppers stop guessing and pick from the item
  // list (what the store says is unsold), read at most every 250 ms for all of them.
  let endgame = false;
  let free: { at: number; ids: Promise<string[]> } | undefined;
  async function listFree(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(`${options.baseUrl()}/sales/${options.saleId}/items?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
      if (!response.ok) throw new Error(`items: ${response.status}`);
      const page = (await response.json()) as { items: { id: string; sold: boolean }[]; nextCursor: string | null };
      ids.push(...page.items.filter((item) => !item.sold).map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }
  async function pickFree(): Promise<string | undefined> {
    if (!free || performance.now() - free.at > 250) free = { at: performance.now(), ids: listFree().catch(() => []) };
    const ids = await free.ids;
    return ids[Math.floor(Math.random() * ids.length)];
  }

  async function shopper(n: number): Promise<void> {
    const user = `shopper-${n}`;
    const mine: string[] = [];
    bought.set(user, mine);
    const want = n % options.greedyEvery === 0 ? options.limit + 5 : 1 + (n % options.limit);
    let cursor = Math.floor(Math.random() * options.total);
    let misses = 0;
    while (mine.length < want && Date.now() < deadline) {
      let code: string | undefined;
      let inBasket = 0;
      let refused = false;
      while (inBasket < basketSize && mine.length + inBasket < want && misses < MISSES_BEFORE_LOOKING && Date.now() < deadline) {
        const id = endgame ? await pickFree() : itemId(options.saleId, cursor++ % options.total);
        if (id === undefined) {
          misses = MISSES_BEFORE_LOOKING;
          break;
        }
        const answer = await post(`/checkout?user_id=${user}&id=${id}`, checkout);
        if (!answer) continue;
        const errorCode = (answer.body.error as { code?: string } | undefined)?.code;
        if (answer.status === 200) {
          code = answer.body.code as string;
          inBasket++;
        } else if (errorCode === 'item_sold') {
          misses++;
        } else if (errorCode === 'limit_exceeded') {
          limitRefusals++;
          refused = true;
          break;
        } else {
          fail(`checkout:${answer.status}:${errorCode}`);
          await sleep(20);
        }
      }
      if (code) {
        let answer = await post(`/purchase?code=${code}`, purchase);
        // A purchase lost to a crash or an outage is repeated with the same code: it never buys twice.
        while (answer?.status !== 200 && Date.now() < deadline) {
          if (answer) fail(`purchase:${answer.status}:${(answer.body.error as { code?: string } | undefined)?.code}`);
          await sleep(50);
          answer = await post(`/purchase?code=${code}`, purchase);
        }
        if (answer?.status === 200) {
          const got = answer.body.bought as string[];
          mine.push(...got);
          if (got.length > 0) misses = 0;
        }
      } else if (refused) {
        return;
      }
      if (misses >= MISSES_BEFORE_LOOKING) {
        // Many sold items in a row: done if the sale is sold out; else jump elsewhere, and
        // if items are only held (purchases in flight, or a crash) let them settle.
        const left = await remaining();
        if (left === 0) return;
        if (left <= Math.max(options.concurrency, options.total / 50)) endgame = true;
        misses = 0;
        cursor = Math.floor(Math.random() * options.total);
        if (left < options.concurrency) await sleep(20);
      }
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.users) }, async () => {
      while (next < options.users) await shopper(next++);
    }),
  );

  const owners = new Map<string, number>();
  for (const items of bought.values()) for (const id of items) owners.set(id, (owners.get(id) ?? 0) + 1);
  return {
    durationMs: performance.now() - started,
    requests,
    checkout,
    purchase,
    bought,
    oversold: [...owners.values()].filter((count) => count > 1).length,
    perUserExcess: [...bought.values()].reduce((sum, items) => sum + Math.max(0, items.length - options.limit), 0),
    limitRefusals,
    failures,
  };
}
