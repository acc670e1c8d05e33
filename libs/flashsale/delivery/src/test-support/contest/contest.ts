import { ContestHttp, type Answer } from './contest-http';
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
  /** Requests that got no answer at all (refused, reset or dropped connections): the \`network:\` failures summed. */
  readonly connectionErrors: number;
}

/** Sold items met in a row before a shopper stops walking the sale and asks which items are free. */
const MISSES_BEFORE_ASKING = 1;
const FREE_PER_ASK = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const itemId = (saleId: string, index: number) => `${saleId}-${String(index).padStart(5, '0')}`;
const errorCodeOf = (answer: Answer) => (answer.body.error as { code?: string } | undefined)?.code;

/**
 * Simulated shoppers racing for one sale over HTTP: each wants 1 to `limit` items
 * (greedy ones more), checks out a few at a time, buys, and carries on until satisfied,
 * refused by the limit, or the sale is sold out. While most items are free a shopper
 * walks the sale from a random point; once it meets sold items it asks the gate which
 * are free (`GET /sales/:id/free`, a random sample) and picks from those, so the
 * end game costs a request per few items rather than a walk over sold ones. Only talks
 * to the given base URL (127.0.0.1 in tests and the benchmark), over at most
 * `concurrency` connections.
 *
 * Shopper 0 is greedy and shops alone before the crowd is let in, so every run tries the
 * limit: in the crowd a greedy shopper may find the sale sold out before it gets there.
 */
export async function runContest(options: ContestOptions): Promise<ContestReport> {
  const checkout = new Latencies();
  const purchase = new Latencies();
  const bought = new Map<string, string[]>();
  const failures = new Map<string, number>();
  const http = new ContestHttp(options.concurrency);
  let requests = 0;
  let connectionErrors = 0;
  let limitRefusals = 0;
  const started = performance.now();
  const deadline = Date.now() + options.deadlineMs;
  const basketSize = options.basketSize ?? 3;
  const sale = `/sales/${options.saleId}`;

  const fail = (key: string) => failures.set(key, (failures.get(key) ?? 0) + 1);
  async function send(method: 'GET' | 'POST', path: string, latencies?: Latencies): Promise<Answer | undefined> {
    const begin = performance.now();
    requests++;
    try {
      const answer = await http.send(method, `${options.baseUrl()}${path}`);
      latencies?.add(performance.now() - begin);
      return answer;
    } catch (error) {
      connectionErrors++;
      fail(`network:${(error as { code?: string }).code ?? 'error'}`);
      await sleep(50);
      return undefined;
    }
  }
  /** Items still free per the gate; empty when none are (or the answer was lost). */
  async function askFree(): Promise<string[]> {
    const answer = await send('GET', `${sale}/free?limit=${FREE_PER_ASK}`);
    return answer?.status === 200 ? (answer.body.ids as string[]) : [];
  }
  async function soldOut(): Promise<boolean> {
    const answer = await send('GET', sale);
    return answer?.status === 200 && Number(answer.body.remaining) === 0;
  }

  async function shopper(n: number): Promise<void> {
    const user = `shopper-${n}`;
    const mine: string[] = [];
    bought.set(user, mine);
    const want = n % options.greedyEvery === 0 ? options.limit + 5 : 1 + (n % options.limit);
    let cursor = Math.floor(Math.random() * options.total);
    let misses = 0;
    let free: string[] = [];
    const next = async (): Promise<string | undefined> => {
      if (misses < MISSES_BEFORE_ASKING) return itemId(options.saleId, cursor++ % options.total);
      if (free.length === 0) free = await askFree();
      return free.splice(Math.floor(Math.random() * free.length), 1)[0];
    };
    while (mine.length < want && Date.now() < deadline) {
      let code: string | undefined;
      let inBasket = 0;
      let refused = false;
      while (inBasket < basketSize && mine.length + inBasket < want && Date.now() < deadline) {
        const id = await next();
        if (id === undefined) break;
        const answer = await send('POST', `/checkout?user_id=${user}&id=${id}`, checkout);
        if (!answer) continue;
        const errorCode = errorCodeOf(answer);
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
        let answer = await send('POST', `/purchase?code=${code}`, purchase);
        // A purchase lost to a crash or an outage is repeated with the same code: it never buys twice.
        while (answer?.status !== 200 && Date.now() < deadline) {
          if (answer) fail(`purchase:${answer.status}:${errorCodeOf(answer)}`);
          await sleep(50);
          answer = await send('POST', `/purchase?code=${code}`, purchase);
        }
        if (answer?.status === 200) mine.push(...(answer.body.bought as string[]));
      } else if (refused) {
        return;
      } else if (misses >= MISSES_BEFORE_ASKING && free.length === 0) {
        // Nothing free per the gate: sold out, or the rest is held by purchases in flight
        // (or by a crashed process until reconciliation), which settle shortly.
        if (await soldOut()) return;
        await sleep(50);
      }
    }
  }

  let next = 0;
  try {
    await shopper(next++);
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, options.users) }, async () => {
        while (next < options.users) await shopper(next++);
      }),
    );
  } finally {
    http.close();
  }

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
    connectionErrors,
  };
}
