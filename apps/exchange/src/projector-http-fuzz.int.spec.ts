import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAppContext } from '@mosaic/kit-app';
import { createTestDatabase, describeWithBackend, fuzzHttpApp, uniqueName } from '@mosaic/kit-testing';
import { expect, it } from 'vitest';
import { composeProjector } from './compose-projector';

/** The projector is the exchange app's second server (`npm run start:exchange-projector`); it needs Kafka and MySQL. */
describeWithBackend('kafka', 'the exchange projector under random requests', (kafka) => {
  describeWithBackend('mysql', 'writing to MySQL', (mysql) => {
    it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'exchange-projector-fuzz-'));
      const database = await createTestDatabase(mysql.url(), 'projector_fuzz');
      const context = await createTestAppContext({
        EXCHANGE_DATA_DIR: dir,
        EXCHANGE_KAFKA_TOPIC: uniqueName('exchange-projector-fuzz'),
        KAFKA_BROKERS: kafka.url(),
        MYSQL_URL: database.url,
      });
      const { http } = await composeProjector(context);
      try {
        const routes = http.routes.list();
        expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/projector', '/api/products/:id/book']));
        await fuzzHttpApp(http.app, routes, { runs: 200, queryKeys: ['granularity', 'level', 'start', 'end'] });
      } finally {
        for (const resource of [...http.lifecycle.resources, ...context.backends.resources].reverse()) await resource.close();
        await database.drop();
        await rm(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
