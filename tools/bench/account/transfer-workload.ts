import type { Account } from '@mosaic/account-domain';
import type { AccountAdapters } from '@mosaic/account-repository';
import { createAccountUseCases, type Actor } from '@mosaic/account-usecase';
import { isAppError, SnowflakeIds, systemClock } from '@mosaic/kit-core';

export interface WorkloadOptions {
  readonly accounts: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

export interface WorkloadResult {
  readonly transfers: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Optimistic-concurrency retries (whole use case) per committed transfer. */
  readonly retryRate: number;
  /** Transaction reruns after a deadlock or lock wait timeout, per committed transfer. */
  readonly deadlockRate: number;
  /** Transfers that ran out of retries (409) or failed otherwise. */
  readonly failures: Record<string, number>;
  /** Total money before and after: equal, or the run is void. */
  readonly conserved: boolean;
}

const OPENING = '1000000.00';
let worker = 100;

/**
 * Random transfers between `accounts` accounts by `concurrency` concurrent callers of
 * the Transfer use case (idempotency key, unit of work, outbox — everything but HTTP),
 * measured after a warm-up. Fewer accounts means more callers meet on the same rows.
 */
export async function runTransfers(adapters: AccountAdapters, options: WorkloadOptions, deadlocks: () => number): Promise<WorkloadResult> {
  let retries = 0;
  const useCases = createAccountUseCases({ ...adapters, clock: systemClock, ids: new SnowflakeIds(worker++ % 1024), retry: { onRetry: () => retries++ } });
  const admin: Actor = { userId: 'bench-admin', roles: ['admin'] };
  const accounts: { owner: Actor; account: Account }[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const owner: Actor = { userId: `bench-user-${i}`, roles: ['user'] };
    const account = await useCases.openAccount.execute({ actor: owner, currency: 'USD' });
    await useCases.deposit.execute({ actor: admin, accountId: account.id, amount: OPENING });
    accounts.push({ owner, account });
  }
  const total = async () => {
    let sum = 0n;
    for (const { account } of accounts) sum += (await adapters.accounts.findById(account.id))?.balance ?? 0n;
    return sum;
  };
  const before = await total();

  let measuring = false;
  let stop = false;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let key = 0;
  let retriesAtStart = 0;
  const caller = async () => {
    while (!stop) {
      // The memory backend never waits on I/O: without a turn of the event loop here the
      // callers would starve every timer (the clock of this run included). Requests
      // arriving over a socket get that turn anyway.
      await new Promise((resolve) => setImmediate(resolve));
      const fromIndex = Math.floor(Math.random() * accounts.length);
      let toIndex = Math.floor(Math.random() * (accounts.length - 1));
      if (toIndex >= fromIndex) toIndex++;
      const [from, to] = [accounts[fromIndex], accounts[toIndex]] as [(typeof accounts)[number], (typeof accounts)[number]];
      const started = performance.now();
      try {
        await useCases.transfer.execute({
          actor: from.owner,
          fromAccountId: from.account.id,
          toAccountId: to.account.id,
          amount: '0.01',
          idempotencyKey: `bench-${++key}`,
        });
        if (measuring) latencies.push(performance.now() - started);
      } catch (error) {
        const code = isAppError(error) ? error.code : 'unexpected';
        if (measuring) failures[code] = (failures[code] ?? 0) + 1;
      }
    }
  };
  const callers = Array.from({ length: options.concurrency }, caller);
  await sleep(options.warmupSeconds * 1000);
  measuring = true;
  retriesAtStart = retries;
  const deadlocksAtStart = deadlocks();
  const startedAt = performance.now();
  await sleep(options.seconds * 1000);
  measuring = false;
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const measuredRetries = retries - retriesAtStart;
  const measuredDeadlocks = deadlocks() - deadlocksAtStart;
  stop = true;
  await Promise.all(callers);

  const sorted = Float64Array.from(latencies).sort();
  return {
    transfers: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    retryRate: latencies.length === 0 ? 0 : measuredRetries / latencies.length,
    deadlockRate: latencies.length === 0 ? 0 : measuredDeadlocks / latencies.length,
    failures,
    conserved: (await total()) === before,
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
