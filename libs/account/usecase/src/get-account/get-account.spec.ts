import { describe, expect, it } from 'vitest';
import { admin, alice, accountHarness, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('GetAccount', () => {
  it('shows an account to its owner and to admins', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '12.34');
    expect((await h.useCases.getAccount.execute({ actor: alice, accountId: account.id })).balance).toBe(1234n);
    expect((await h.useCases.getAccount.execute({ actor: admin, accountId: account.id })).id).toBe(account.id);
  });

  it('answers a foreign account exactly like a missing one', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const foreign = await rejectionOf(h.useCases.getAccount.execute({ actor: bob, accountId: account.id }));
    const missing = await rejectionOf(h.useCases.getAccount.execute({ actor: bob, accountId: '123456789' }));
    expect([foreign.code, foreign.status]).toEqual(['account_not_found', 404]);
    expect([missing.code, missing.status]).toEqual(['account_not_found', 404]);
  });
});
