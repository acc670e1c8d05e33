import { describe, expect, it } from 'vitest';
import { alice, accountHarness, anAddress, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('OpenAccount', () => {
  it('opens an empty account in a supported currency for the caller, and says so in an event', async () => {
    const h = accountHarness();
    const account = await h.useCases.openAccount.execute({ actor: alice, currency: 'CNY' });
    expect(account).toMatchObject({ ownerId: 'alice', balance: 0n, version: 1, currency: { code: 'CNY', scale: 2 } });
    expect(account.address).toBeNull();
    expect((await h.adapters.accounts.findById(account.id))?.snapshot()).toEqual(account.snapshot());
    expect(await h.pendingEvents()).toMatchObject([{ type: 'account.opened', aggregateId: account.id, recipients: ['alice'], data: { currency: 'CNY' } }]);
  });

  it('takes an optional address, validated whole', async () => {
    const h = accountHarness();
    const account = await h.useCases.openAccount.execute({ actor: alice, currency: 'USD', address: anAddress });
    expect(account.address?.toJSON()).toEqual(anAddress);
    const error = await rejectionOf(h.useCases.openAccount.execute({ actor: alice, currency: 'USD', address: { city: 'Hangzhou' } }));
    expect(error.code).toBe('invalid_address');
  });

  it('refuses an unsupported currency and stores nothing', async () => {
    const h = accountHarness();
    expect((await rejectionOf(h.useCases.openAccount.execute({ actor: alice, currency: 'XYZ' }))).code).toBe('unsupported_currency');
    expect(await h.useCases.listAccounts.execute({ actor: alice })).toEqual([]);
    expect(await h.pendingEvents()).toEqual([]);
  });

  it('lists only the caller’s own accounts, oldest first', async () => {
    const h = accountHarness();
    const first = await h.newAccount(alice);
    const second = await h.newAccount(alice, 'JPY');
    await h.newAccount(bob);
    expect((await h.useCases.listAccounts.execute({ actor: alice })).map((account) => account.id)).toEqual([first.id, second.id]);
  });
});
