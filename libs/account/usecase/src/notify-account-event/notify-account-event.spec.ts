import { describe, expect, it } from 'vitest';
import { alice, accountHarness, aKey, bob } from '../test-support/account-harness';

describe('NotifyAccountEvent', () => {
  it('tells each recipient of a transfer their side of it', async () => {
    const h = accountHarness();
    const from = await h.fundedAccount(alice, '10.00');
    const to = await h.newAccount(bob);
    await h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '2.50', idempotencyKey: aKey() });
    const transferred = (await h.pendingEvents()).at(-1)!;
    expect(await h.useCases.notifyAccountEvent.execute(transferred)).toBe('notified');
    expect(h.notifier.to('alice').map((n) => n.text)).toEqual([`You sent 2.50 USD from account …${from.id.slice(-4)} to account …${to.id.slice(-4)}.`]);
    expect(h.notifier.to('bob').map((n) => n.text)).toEqual([`You received 2.50 USD into account …${to.id.slice(-4)}.`]);
    expect(h.notifier.sent.map((n) => n.id)).toEqual([`${transferred.id}:alice`, `${transferred.id}:bob`]);
  });

  it('handles an event id once, however often it is delivered', async () => {
    const h = accountHarness();
    await h.newAccount(alice);
    const [opened] = await h.pendingEvents();
    expect(await h.useCases.notifyAccountEvent.execute(opened!)).toBe('notified');
    expect(await h.useCases.notifyAccountEvent.execute(opened!)).toBe('duplicate');
    expect(h.notifier.attempts).toBe(1);
  });

  it('has a message for every event the domain emits', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '10.00');
    const other = await h.newAccount(alice);
    const points = await h.newPoints(alice);
    const card = '6222020000000001';
    await h.useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: { province: 'P', city: 'C', district: 'D', line: 'L' } });
    await h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: card, bankName: 'ICBC' });
    await h.useCases.disableBankCard.execute({ actor: alice, accountId: account.id, number: card });
    await h.useCases.enableBankCard.execute({ actor: alice, accountId: account.id, number: card });
    await h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: card });
    await h.useCases.removeBankCard.execute({ actor: alice, accountId: account.id, number: card });
    await h.useCases.transfer.execute({ actor: alice, fromAccountId: account.id, toAccountId: other.id, amount: '1', idempotencyKey: aKey() });
    await h.useCases.purchasePoints.execute({ actor: alice, accountId: account.id, pointsId: points.id, amount: '1' });
    const events = await h.pendingEvents();
    for (const event of events) expect(await h.useCases.notifyAccountEvent.execute(event)).toBe('notified');
    expect(h.notifier.sent).toHaveLength(events.length);
    expect(h.notifier.sent.find((n) => n.eventType === 'account.transferred')?.text).toMatch(/^You moved 1.00 USD/);
  });

  it('ignores an event type it does not know, and remembers it as handled', async () => {
    const h = accountHarness();
    const unknown = { id: '42', type: 'account.frozen', recipients: ['alice'], data: {} } as unknown as Parameters<
      typeof h.useCases.notifyAccountEvent.execute
    >[0];
    expect(await h.useCases.notifyAccountEvent.execute(unknown)).toBe('ignored');
    expect(await h.useCases.notifyAccountEvent.execute(unknown)).toBe('duplicate');
    expect(h.notifier.sent).toEqual([]);
  });
});
