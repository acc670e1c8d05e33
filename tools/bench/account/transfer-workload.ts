import type { Account } from '@mosaic/account-domain';
import type { AccountAdapters } from '@mosaic/account-repository';
import { createAccountUseCases, type Actor } from '@mosaic/account-usecase';
import { SnowflakeIds, systemClock } from '@mosaic/kit-core';
import { measureCallers } from './measure-callers';

export interface WorkloadOptions {
  readonly accounts: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Called when the measured window starts. */
  readonly onMeasuring?: () => void;
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
  /** Extra counters' growth per committed transfer (statements sent, for one). */
  readonly perCompletion: Record<string, number>;
}

const OPENING = '1000000.00';
let worker = 100;

/**
 * Random transfers between `accounts` accounts by `concurrency` concurrent callers of
 * the Transfer use case (idempotency key, unit of work, outbox — everything but HTTP),
 * measured after a warm-up. Fewer accounts means more callers meet on the same rows.
 */
export async function runTransfers(
  adapters: AccountAdapters,
  options: WorkloadOptions,
  deadlocks: () => number,
  counters: Record<string, () => number> = {},
): Promise<WorkloadResult> {
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

  let key = 0;
  const transfer = async () => {
    const fromIndex = Math.floor(Math.random() * accounts.length);
    let toIndex = Math.floor(Math.random() * (accounts.length - 1));
    if (toIndex >= fromIndex) toIndex++;
    const [from, to] = [accounts[fromIndex], accounts[toIndex]] as [(typeof accounts)[number], (typeof accounts)[number]];
    await useCases.transfer.execute({
      actor: from.owner,
      fromAccountId: from.account.id,
      toAccountId: to.account.id,
      amount: '0.01',
      idempotencyKey: `bench-${++key}`,
    });
  };
  const { perCompletion, ...measured } = await measureCallers(transfer, options, { retries: () => retries, deadlocks, ...counters });
  return {
    ...measured,
    retryRate: perCompletion.retries ?? 0,
    deadlockRate: perCompletion.deadlocks ?? 0,
    perCompletion,
    conserved: (await total()) === before,
  };
}
