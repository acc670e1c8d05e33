import { describe, expect, it } from 'vitest';
import { admin, alice, accountHarness, aKey, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('GetStatement', () => {
  it('pages through the ledger newest first by entry-id cursor, every entry once', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '100.00');
    const other = await h.newAccount(bob);
    for (let i = 1; i <= 6; i++) {
      h.clock.advance(1000);
      await h.useCases.transfer.execute({ actor: alice, fromAccountId: account.id, toAccountId: other.id, amount: `${i}.00`, idempotencyKey: aKey() });
    }
    const seen: string[] = [];
    const amounts: bigint[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { page } = await h.useCases.getStatement.execute({ actor: alice, accountId: account.id, cursor, limit: 3 });
      seen.push(...page.entries.map((entry) => entry.id));
      amounts.push(...page.entries.map((entry) => entry.amount));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(amounts).toEqual([-600n, -500n, -400n, -300n, -200n, -100n, 10_000n]);
    expect(amounts.reduce((a, b) => a + b, 0n)).toBe(await h.balanceOf(account.id));
  });

  it('says there is no next page when the last one is exactly full', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '1.00');
    const { page } = await h.useCases.getStatement.execute({ actor: alice, accountId: account.id, limit: 1 });
    expect(page.entries).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it('is readable by admins, not by other users', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice);
    expect((await h.useCases.getStatement.execute({ actor: admin, accountId: account.id })).page.entries).toHaveLength(1);
    expect((await rejectionOf(h.useCases.getStatement.execute({ actor: bob, accountId: account.id }))).code).toBe('account_not_found');
  });

  it.each([
    [{ cursor: 'abc' }, 'invalid_cursor'],
    [{ cursor: '-1' }, 'invalid_cursor'],
    [{ limit: 0 }, 'invalid_limit'],
    [{ limit: 101 }, 'invalid_limit'],
    [{ limit: 2.5 }, 'invalid_limit'],
  ])('refuses %j with %s', async (query, code) => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const error = await rejectionOf(h.useCases.getStatement.execute({ actor: alice, accountId: account.id, ...query }));
    expect([error.code, error.status]).toEqual([code, 400]);
  });
});
