import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient, type ApiResponse } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';
import { units } from './test-support/units';

const USERS = 4;
const ROUNDS = 240;

/** A small deterministic generator, so a failing run can be replayed. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(state / 65_536) % n;
  };
}

describe('conservation over the API after a random trading run', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  const users: ExchangeClient[] = [];

  beforeAll(async () => {
    exchange = await runningExchange();
    for (let i = 0; i < USERS; i++) users.push(await new ExchangeClient(exchange.url).signUp(`trader${i}`));
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
  });

  it('keeps every balance plus the fees charged equal to deposits minus withdrawals, per currency', async () => {
    const random = generator(20_261_201);
    const moved = new Map<string, bigint>();
    const move = (currency: string, amount: string, sign: 1n | -1n) => moved.set(currency, (moved.get(currency) ?? 0n) + sign * units(amount));
    for (const user of users) {
      for (const [currency, amount] of [
        ['USDT', '200000'],
        ['BTC', '4'],
        ['ETH', '40'],
      ] as const) {
        expect((await user.deposit(currency, amount)).status).toBe(200);
        move(currency, amount, 1n);
      }
    }
    const answers = new Map<number, number>();
    const inFlight: Promise<void>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const user = users[random(USERS)];
      const product = random(2) === 0 ? 'BTC-USDT' : 'ETH-USDT';
      const base = product === 'BTC-USDT' ? 30_000 : 2_000;
      const side = random(2) === 0 ? 'buy' : 'sell';
      const roll = random(10);
      const call = async () => {
        let status: number;
        if (roll < 6) {
          const price = (base * (0.98 + random(40) / 1000)).toFixed(2);
          const size = product === 'BTC-USDT' ? (0.001 * (1 + random(50))).toFixed(4) : (0.01 * (1 + random(50))).toFixed(3);
          status = (await user.order({ productId: product, side, type: 'limit', price, size })).status;
        } else if (roll < 8) {
          status = (
            side === 'buy'
              ? await user.order({ productId: product, side, type: 'market', funds: String(10 + random(500)) })
              : await user.order({ productId: product, side, type: 'market', size: product === 'BTC-USDT' ? '0.002' : '0.05' })
          ).status;
        } else if (roll < 9) {
          status = (await user.call('DELETE', `/api/orders?productId=${product}`)).status;
        } else {
          const res = await user.call('POST', '/api/admin/withdrawals', { currency: 'USDT', amount: '25' });
          status = res.status;
          if (status === 200) move('USDT', '25', -1n);
        }
        answers.set(status, (answers.get(status) ?? 0) + 1);
      };
      inFlight.push(call());
      if (inFlight.length >= 8) await Promise.all(inFlight.splice(0));
    }
    await Promise.all(inFlight);
    // Only successes and refusals of a well-formed order that the engine could not take.
    expect([...answers.keys()].filter((status) => status !== 200 && status !== 422)).toEqual([]);

    const held = new Map<string, bigint>();
    const fees = new Map<string, bigint>();
    for (const user of users) {
      for (const account of (await user.call('GET', '/api/accounts')).body as { currency: string; available: string; hold: string }[]) {
        held.set(account.currency, (held.get(account.currency) ?? 0n) + units(account.available) + units(account.hold));
      }
      for (const product of ['BTC-USDT', 'ETH-USDT']) {
        let after: string | null = null;
        for (;;) {
          const page: ApiResponse<{ side: string; fee: string }[]> = await user.call(
            'GET',
            `/api/fills?productId=${product}&limit=100${after ? `&after=${after}` : ''}`,
          );
          for (const fill of page.body) {
            const currency = fill.side === 'buy' ? product.split('-')[0] : 'USDT';
            fees.set(currency, (fees.get(currency) ?? 0n) + units(fill.fee));
          }
          after = page.headers.get('gbe-after');
          if (page.body.length < 100) break;
        }
      }
    }
    const trades =
      (await users[0].call('GET', '/api/products/BTC-USDT/trades')).body.length + (await users[0].call('GET', '/api/products/ETH-USDT/trades')).body.length;
    expect(trades).toBeGreaterThan(10);
    for (const currency of ['USDT', 'BTC', 'ETH']) {
      expect({ currency, total: (held.get(currency) ?? 0n) + (fees.get(currency) ?? 0n) }).toEqual({ currency, total: moved.get(currency) });
    }
  }, 120_000);
});
