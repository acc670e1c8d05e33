import { createLogger } from '@mosaic/kit-log';
import { describeWithBackend } from '@mosaic/kit-testing';
import { expect, it } from 'vitest';
import { connectBackends } from './backends';

const logger = createLogger({ name: 'test', level: 'silent', pretty: false });

describeWithBackend('mysql', 'connectBackends', (backend) => {
  it('opens a MySQL pool that answers and closes', async () => {
    const backends = await connectBackends({ mysql: backend.url() }, { logger, clientId: 'test' });
    const [rows] = await backends.mysql!.query('SELECT 1 + 1 AS two');
    expect(rows).toEqual([{ two: 2 }]);
    for (const resource of backends.resources.reverse()) await resource.close();
  });
});

describeWithBackend('redis', 'connectBackends', (backend) => {
  it('opens a Redis client that answers and closes', async () => {
    const backends = await connectBackends({ redis: backend.url() }, { logger, clientId: 'test' });
    expect(await backends.redis!.ping()).toBe('PONG');
    for (const resource of backends.resources.reverse()) await resource.close();
  });
});

describeWithBackend('kafka', 'connectBackends', (backend) => {
  it('uses Kafka as the message queue when brokers are configured', async () => {
    const backends = await connectBackends({ kafkaBrokers: backend.url().split(',') }, { logger, clientId: 'test' });
    expect(backends.mq.name).toBe('mq:kafka');
    await backends.mq.check();
    for (const resource of backends.resources.reverse()) await resource.close();
  });
});

describeWithBackend('mongo', 'connectBackends', (backend) => {
  it('opens a Mongo connection that answers and closes', async () => {
    const backends = await connectBackends({ mongo: backend.url() }, { logger, clientId: 'test' });
    expect(backends.mongo!.readyState).toBe(1);
    for (const resource of backends.resources.reverse()) await resource.close();
  });
});
