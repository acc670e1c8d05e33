import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, ORDER_BODY, row, startExchange, trader } from './main';
import { postLoad, type Load, type Server } from './servers';

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

/** A funded trader once the instance leads (a standby answers 503 until then). */
async function traderOnLeader(url: string): Promise<{ cookie: string }> {
  for (;;) {
    try {
      return await trader(url, 'kafka');
    } catch {
      await pause(200);
    }
  }
}

/**
 * (d) The same place-order load on the exchange on Kafka (leader + hot standby),
 * against the file journal's figures from this run; then kill -9 the leader and
 * time until the standby acknowledges an order.
 */
export async function kafkaMode(options: { fileLoad: Load; seconds: number; connections: number }): Promise<void> {
  const { KAFKA_BROKERS, REDIS_URL } = process.env;
  if (!KAFKA_BROKERS || !REDIS_URL) throw new Error('--kafka needs KAFKA_BROKERS and REDIS_URL (eval "$(bash tools/services/services.sh env)")');
  const run = Date.now().toString(36);
  const env = {
    KAFKA_BROKERS,
    REDIS_URL,
    EXCHANGE_KAFKA_TOPIC: `bench-exchange-${run}`,
    EXCHANGE_LEASE_TTL_MS: '2000',
    AUTH_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUTH_REDIS_NAMESPACE: `bench-exchange-${run}`,
  };
  const dirs = [await mkdtemp(join(tmpdir(), 'bench-kafka-a-')), await mkdtemp(join(tmpdir(), 'bench-kafka-b-'))];
  const servers: Server[] = [];
  try {
    const leader = await startExchange(dirs[0], env);
    servers.push(leader);
    const { cookie } = await traderOnLeader(leader.url);
    const standby = await startExchange(dirs[1], env);
    servers.push(standby);
    const headers = { 'content-type': 'application/json', cookie };
    await postLoad(`${leader.url}/api/orders`, ORDER_BODY, headers, 1, options.connections);
    const kafka = await postLoad(`${leader.url}/api/orders`, ORDER_BODY, headers, options.seconds, options.connections);
    console.log('\n(d) place order over HTTP on the exchange on Kafka (acks=all, one transaction per write group), leader + hot standby');
    console.log(row('apps/exchange on Kafka POST /api/orders', kafka));
    console.log(row('apps/exchange on the file journal (from (a))', options.fileLoad));
    console.log(`  ratio ${(kafka.rate / options.fileLoad.rate).toFixed(2)}× the file journal's rate; p99 ${kafka.p99} ms vs ${options.fileLoad.p99} ms`);

    const killed = performance.now();
    await leader.crash();
    for (;;) {
      const res = await call(standby.url, cookie, 'POST', '/api/orders', JSON.parse(ORDER_BODY)).catch(() => undefined);
      if (res?.status === 200) break;
      await pause(20);
    }
    console.log(
      `  failover: kill -9 of the leader → first order acknowledged by the standby in ${Math.round(performance.now() - killed)} ms (lease ttl ${env.EXCHANGE_LEASE_TTL_MS} ms)`,
    );
  } finally {
    for (const server of servers) await server.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
