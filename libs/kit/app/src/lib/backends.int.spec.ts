import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createLogger } from '@mosaic/kit-log';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { describeWithBackend } from '@mosaic/kit-testing';
import { expect, it } from 'vitest';
import { connectBackends } from './backends';
import { runApp } from './run-app';

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

/** Starts the kit-app bootstrap with one variable set and returns why it refused to start. */
async function refusal(env: Record<string, string>): Promise<string> {
  const telemetry = initTelemetry({ serviceName: 'probe' });
  const started = runApp(
    { name: 'probe', telemetry, compose: async () => Promise.reject(new Error('composed despite a refused backend')) },
    { PORT: '0', LOG_LEVEL: 'silent', ...env },
  );
  const message = await started.then(
    () => 'started',
    (error: unknown) => (error as Error).message,
  );
  await telemetry.shutdown();
  return message;
}

/** A loopback port nothing listens on (just closed). */
async function closedPort(): Promise<number> {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

describeWithBackend('mysql', 'a start with a MySQL URL the server refuses', (backend) => {
  it('stops on an unknown database, naming MYSQL_URL', async () => {
    const url = new URL(backend.url());
    url.pathname = '/no_such_database_for_mosaic';
    expect(await refusal({ MYSQL_URL: url.toString() })).toMatch(/MYSQL_URL: .*no_such_database_for_mosaic/s);
  });

  it('stops on wrong credentials, naming MYSQL_URL without the password', async () => {
    const url = new URL(backend.url());
    url.username = 'no_such_user';
    url.password = 'secret-password';
    const message = await refusal({ MYSQL_URL: url.toString() });
    expect(message).toMatch(/MYSQL_URL: .*denied/is);
    expect(message).not.toContain('secret-password');
  });
});

describeWithBackend('redis', 'a start with a Redis URL the server refuses', (backend) => {
  it('stops on a database index the server does not have, naming REDIS_URL', async () => {
    const url = new URL(backend.url());
    url.pathname = '/4096';
    expect(await refusal({ REDIS_URL: url.toString() })).toMatch(/REDIS_URL: .*DB index is out of range/s);
  });

  it('stops on a user the server does not know, naming REDIS_URL without the password', async () => {
    const url = new URL(backend.url());
    url.username = 'no_such_user';
    url.password = 'secret-password';
    const message = await refusal({ REDIS_URL: url.toString() });
    expect(message).toMatch(/^\s*REDIS_URL: the backend refused it: cannot connect to Redis/m);
    expect(message).not.toContain('secret-password');
  });
});

describeWithBackend('mongo', 'a start with a Mongo URL nothing answers', () => {
  it('stops, naming MONGO_URL', async () => {
    expect(await refusal({ MONGO_URL: `mongodb://127.0.0.1:${await closedPort()}/probe` })).toMatch(/^\s*MONGO_URL: /m);
  }, 30_000);
});

describeWithBackend('kafka', 'a start with brokers that do not answer', () => {
  it('stops, naming KAFKA_BROKERS', async () => {
    expect(await refusal({ KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` })).toContain('KAFKA_BROKERS: ');
  }, 30_000);
});
