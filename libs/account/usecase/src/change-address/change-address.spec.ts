import { describe, expect, it } from 'vitest';
import { alice, accountHarness, anAddress, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('ChangeAddress', () => {
  it('replaces the address whole and emits account.address-changed', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const changed = await h.useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: anAddress });
    expect(changed.address?.toJSON()).toEqual(anAddress);
    expect(changed.version).toBe(2);
    expect((await h.pendingEvents()).at(-1)).toMatchObject({ type: 'account.address-changed', data: { address: anAddress } });
  });

  it('changes nothing, and emits nothing, for the same address', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    await h.useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: anAddress });
    const again = await h.useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: { ...anAddress, line: ` ${anAddress.line} ` } });
    expect(again.version).toBe(2);
    expect((await h.pendingEvents()).filter((event) => event.type === 'account.address-changed')).toHaveLength(1);
  });

  it('refuses an incomplete address and a foreign account', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const invalid = await rejectionOf(h.useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: { ...anAddress, district: '' } }));
    expect(invalid.code).toBe('invalid_address');
    expect(invalid.details).toEqual([{ path: 'district', message: 'required' }]);
    expect((await rejectionOf(h.useCases.changeAddress.execute({ actor: bob, accountId: account.id, address: anAddress }))).code).toBe('account_not_found');
    expect((await h.adapters.accounts.findById(account.id))?.address).toBeNull();
  });
});
