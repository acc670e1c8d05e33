import type { Account, Points, UnitOfWork } from '@mosaic/account-domain';
import { MemoryNotifier, createAccountAdapters } from '@mosaic/account-repository';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { createAccountUseCases } from '../account-use-cases';
import type { Actor } from '../shared/actor';

export const alice: Actor = { userId: 'alice', roles: ['user'] };
export const bob: Actor = { userId: 'bob', roles: ['user'] };
export const admin: Actor = { userId: 'root', roles: ['user', 'admin'] };

export const anAddress = { province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', line: '1 Lake Road' };

let keys = 0;
export const aKey = () => `key-${++keys}`;

/**
 * The account use cases over the in-memory adapters, with a manual clock, a notifier
 * that records, and a log of optimistic retries. `wrapUnitOfWork` lets a test stand a
 * decorator between the use cases and the real unit of work.
 */
export function accountHarness(options: { wrapUnitOfWork?: (inner: UnitOfWork) => UnitOfWork } = {}) {
  const adapters = createAccountAdapters();
  const clock = new ManualClock();
  const ids = new SnowflakeIds(1, clock);
  const notifier = new MemoryNotifier();
  const retries: string[] = [];
  const unitOfWork = options.wrapUnitOfWork ? options.wrapUnitOfWork(adapters.unitOfWork) : adapters.unitOfWork;
  const useCases = createAccountUseCases({
    ...adapters,
    unitOfWork,
    clock,
    ids,
    notifier,
    retry: { baseDelayMs: 0, onRetry: (event) => retries.push(event.operation) },
  });

  return {
    useCases,
    adapters,
    clock,
    notifier,
    retries,

    async newAccount(actor: Actor, currency = 'USD'): Promise<Account> {
      return useCases.openAccount.execute({ actor, currency });
    },

    /** An account of `actor` holding `amount` (deposited by an admin). */
    async fundedAccount(actor: Actor, amount = '100.00', currency = 'USD'): Promise<Account> {
      const account = await useCases.openAccount.execute({ actor, currency });
      await useCases.deposit.execute({ actor: admin, accountId: account.id, amount });
      return (await adapters.accounts.findById(account.id)) as Account;
    },

    async newPoints(actor: Actor): Promise<Points> {
      return useCases.openPoints.execute({ actor });
    },

    async balanceOf(accountId: string): Promise<bigint> {
      return ((await adapters.accounts.findById(accountId)) as Account).balance;
    },

    /** Every committed event not yet relayed, oldest first. */
    async pendingEvents() {
      return (await adapters.outbox.peek(10_000)).map((stored) => stored.event);
    },
  };
}

export type AccountHarness = ReturnType<typeof accountHarness>;
