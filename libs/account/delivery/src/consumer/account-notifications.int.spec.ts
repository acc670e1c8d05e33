import { createAccountAdapters, MemoryNotifier } from '@mosaic/account-repository';
import { createAccountUseCases } from '@mosaic/account-usecase';
import { SnowflakeIds, systemClock } from '@mosaic/kit-core';
import { createLogger } from '@mosaic/kit-log';
import { KafkaMessageQueue } from '@mosaic/kit-mq';
import { describeWithBackend, uniqueName } from '@mosaic/kit-testing';
import { afterEach, expect, it } from 'vitest';
import { startAccountNotifications } from './account-notifications';

const logger = createLogger({ name: 'account-kafka-test', level: 'silent', pretty: false });
const alice = { userId: 'alice', roles: ['user', 'admin'] };

async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeWithBackend('kafka', 'account events through Kafka', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('relays committed changes to Kafka and notifies once per event, across a relay restart', async () => {
    const queue = new KafkaMessageQueue({ brokers: backend.url(), clientId: uniqueName('account-test') });
    cleanups.push(() => queue.close());
    const topic = uniqueName('account-events');
    const notifier = new MemoryNotifier();
    const adapters = createAccountAdapters({ mq: queue, notifier, relay: { topic, pollIntervalMs: 20 } });
    const useCases = createAccountUseCases({ ...adapters, clock: systemClock, ids: new SnowflakeIds(77) });
    const consumer = await startAccountNotifications({ subscriber: queue, notify: useCases.notifyAccountEvent, logger, topic, group: uniqueName('notify') });
    cleanups.push(() => consumer.close());

    adapters.relay.start();
    const account = await useCases.openAccount.execute({ actor: alice, currency: 'USD' });
    await useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '5.00' });
    await eventually(() => notifier.sent.length === 2, 'two notifications through Kafka');

    // Changes committed while no relay runs wait in the outbox, and go out after a restart.
    await adapters.relay.stop();
    await useCases.changeAddress.execute({ actor: alice, accountId: account.id, address: { province: 'P', city: 'C', district: 'D', line: 'L' } });
    expect(await adapters.outbox.countPending()).toBe(1);
    adapters.relay.start();
    cleanups.push(() => adapters.relay.stop());
    await eventually(() => notifier.sent.length === 3, 'the notification of the change made while stopped');
    expect(notifier.sent.map((n) => n.eventType)).toEqual(['account.opened', 'account.deposited', 'account.address-changed']);
    expect(await adapters.outbox.countPending()).toBe(0);
  }, 120_000);
});
