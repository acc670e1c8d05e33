import { ACCOUNT_EVENTS_TOPIC } from '@mosaic/account-domain';
import { toMessage } from '@mosaic/account-repository';
import { MemoryMessageQueue } from '@mosaic/kit-mq';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { accountTestApp, as, asAdmin } from '../test-support/account-test-app';
import { startAccountNotifications } from './account-notifications';

async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('account notifications', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function wired() {
    const queue = new MemoryMessageQueue();
    const test = accountTestApp({ adapters: { mq: queue, relay: { pollIntervalMs: 10 } } });
    test.adapters.relay.start();
    const consumer = await startAccountNotifications({ subscriber: queue, notify: test.useCases.notifyAccountEvent, logger: test.logger });
    cleanups.push(async () => {
      await consumer.close();
      await test.adapters.relay.stop();
      await queue.close();
    });
    return { ...test, queue };
  }

  it('tells both owners about a transfer made over HTTP, once each', async () => {
    const { app, notifier } = await wired();
    const from = (await request(app).post('/api/v1/accounts').set(as('alice')).send({ currency: 'USD' })).body.id;
    const to = (await request(app).post('/api/v1/accounts').set(as('bob')).send({ currency: 'USD' })).body.id;
    await request(app).post(`/api/v1/accounts/${from}/deposits`).set(asAdmin()).send({ amount: '10.00' });
    const transfer = await request(app)
      .post('/api/v1/transfers')
      .set({ ...as('alice'), 'Idempotency-Key': 'n-1' })
      .send({ from, to, amount: '2.50' });
    expect(transfer.status).toBe(201);
    await eventually(() => notifier.sent.some((n) => n.eventType === 'account.transferred' && n.userId === 'bob'), 'the transfer notifications');
    expect(notifier.to('alice').map((n) => n.eventType)).toEqual(['account.opened', 'account.deposited', 'account.transferred']);
    expect(notifier.to('bob').map((n) => n.text)).toEqual([
      `Your USD account …${to.slice(-4)} is open.`,
      `You received 2.50 USD into account …${to.slice(-4)}.`,
    ]);
  });

  it('handles a redelivered event once, and skips messages that are not account events', async () => {
    const { app, notifier, queue, adapters } = await wired();
    const id = (await request(app).post('/api/v1/accounts').set(as('alice')).send({ currency: 'USD' })).body.id;
    await eventually(() => notifier.sent.length === 1, 'the opening notification');
    const opened = notifier.sent[0]!;

    // The same event again (a relay that republished after a crash), then garbage, then a new event.
    const [eventId] = opened.id.split(':');
    await queue.produce(
      ACCOUNT_EVENTS_TOPIC,
      toMessage({
        id: eventId!,
        type: 'account.opened',
        aggregateType: 'account',
        aggregateId: id,
        occurredAt: new Date(),
        recipients: ['alice'],
        data: { accountId: id, currency: 'USD' },
      }),
    );
    await queue.produce(ACCOUNT_EVENTS_TOPIC, { key: id, value: Buffer.from('not json') });
    await queue.produce(ACCOUNT_EVENTS_TOPIC, { key: id, value: { hello: 'world' } });
    await request(app).put(`/api/v1/accounts/${id}/address`).set(as('alice')).send({ province: 'P', city: 'C', district: 'D', line: 'L' });

    await eventually(() => notifier.sent.length === 2, 'the address notification');
    expect(notifier.sent.map((n) => n.eventType)).toEqual(['account.opened', 'account.address-changed']);
    expect(notifier.attempts).toBe(2);
    expect(await adapters.outbox.countPending()).toBe(0);
  });
});
