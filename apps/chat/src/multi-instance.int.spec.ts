import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import {
  createTestDatabase,
  createTestMongoDatabase,
  createTestRedisNamespace,
  describeWithBackend,
  startAppProcess,
  uniqueName,
  WsTestClient,
  type AppProcess,
  type Frame,
  type TestDatabase,
} from '@mosaic/kit-testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintedUser } from './test-support/minted-user';

const MAIN = resolve(import.meta.dirname, 'main.ts');
/** Generous: two processes on a shared, busy machine; the test asserts order and completeness, not speed. */
const WAIT_MS = 60_000;
const seqsOf = (frames: Frame[], conversation: string) =>
  frames.filter((f) => f.type === 'message' && f.conversation === conversation).map((f) => f.seq as number);

/**
 * Two real chat processes on shared backends: what one instance accepts reaches the
 * recipients on the other, in conversation order and once, whether the fan-out runs
 * through Kafka or Redis; and an instance that dies does not leave its users online.
 */
function twoInstances(fanout: 'kafka' | 'redis', urls: { mysql: () => string; mongo: () => string; redis: () => string; kafka?: () => string }) {
  describe(`two chat instances, fan-out through ${fanout}`, () => {
    const instances: AppProcess[] = [];
    const cleanup: (() => Promise<void>)[] = [];
    let env: Record<string, string>;

    beforeAll(async () => {
      const mysql: TestDatabase = await createTestDatabase(urls.mysql(), 'chatmi');
      const mongo = await createTestMongoDatabase(urls.mongo(), 'chatmi');
      const redis = createTestRedisNamespace(urls.redis(), 'chatmi');
      cleanup.push(
        () => mysql.drop(),
        () => mongo.drop(),
        () => redis.drop(),
      );
      const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      env = {
        MYSQL_URL: mysql.url,
        MONGO_URL: mongo.url,
        REDIS_URL: urls.redis(),
        KAFKA_BROKERS: urls.kafka?.() ?? '',
        CHAT_FANOUT_TOPIC: uniqueName('chat-fanout'),
        CHAT_REDIS_PREFIX: redis.namespace,
        AUTH_PRIVATE_KEY: privateKey,
        CHAT_PRESENCE_TTL_MS: '2000',
        CHAT_PRESENCE_HEARTBEAT_MS: '300',
        CHAT_RATE_BURST: '500',
        CHAT_RATE_PER_SECOND: '500',
      };
      // The first one migrates; then both run side by side.
      instances.push(await startAppProcess(MAIN, { ...env, WORKER_ID: '1' }));
      instances.push(await startAppProcess(MAIN, { ...env, WORKER_ID: '2' }));
    }, 180_000);

    afterAll(async () => {
      // A killed instance has nothing left to stop.
      for (const instance of instances) if (instance.child.signalCode === null) await instance.stop();
      for (const step of cleanup) await step().catch(() => undefined);
    }, 60_000);

    it('delivers messages sent on both instances to both sides in one order, once, and expires a dead instance', async () => {
      const [a, b] = instances as [AppProcess, AppProcess];
      const alice = await mintedUser(env.AUTH_PRIVATE_KEY!, 'alice');
      const bob = await mintedUser(env.AUTH_PRIVATE_KEY!, 'bob');
      await request(a.url).post('/api/v1/chat/friends').set(alice.auth).send({ friendId: bob.userId }).expect(200);
      await request(b.url).post('/api/v1/chat/friends').set(bob.auth).send({ friendId: alice.userId }).expect(200);
      const ws = (instance: AppProcess) => `${instance.url.replace('http', 'ws')}/ws/chat`;
      const aliceOnA = await WsTestClient.connect(ws(a), alice.auth, { ready: 'hello' });
      const bobOnB = await WsTestClient.connect(ws(b), bob.auth, { ready: 'hello' });
      await aliceOnA.next((f) => f.type === 'presence' && f.userId === bob.userId && f.online === true, 0, WAIT_MS);

      // Both write at once, each through their own instance.
      const count = 40;
      for (let i = 1; i <= count; i += 1) {
        aliceOnA.send({ action: 'send_message_to_friend', friend_id: bob.userId, message: `a${i}`, clientMessageId: `a${i}` });
        bobOnB.send({ action: 'send_message_to_friend', friend_id: alice.userId, message: `b${i}`, clientMessageId: `b${i}` });
      }
      const [lastAck] = await Promise.all([
        aliceOnA.next((f) => f.type === 'ack' && f.clientMessageId === `a${count}`, 0, WAIT_MS),
        bobOnB.next((f) => f.type === 'ack' && f.clientMessageId === `b${count}`, 0, WAIT_MS),
      ]);
      const conversation = lastAck.conversation as string;
      // Each side's own messages took sequences in the order it sent them.
      expect(aliceOnA.ofType('ack').map((f) => f.text)).toEqual(Array.from({ length: count }, (_, i) => `a${i + 1}`));
      // Every acknowledged message reaches both sides once, in sequence order.
      const acked = [...aliceOnA.ofType('ack'), ...bobOnB.ofType('ack')].map((f) => f.seq as number).sort((x, y) => x - y);
      expect(acked).toHaveLength(2 * count);
      for (const client of [aliceOnA, bobOnB]) {
        await client.next((f) => f.type === 'message' && f.seq === acked[acked.length - 1], 0, WAIT_MS);
        expect(seqsOf(client.frames, conversation)).toEqual(acked);
      }
      const texts = (client: WsTestClient) => client.frames.filter((f) => f.type === 'message').map((f) => f.text);
      expect(texts(aliceOnA)).toEqual(texts(bobOnB));
      expect(aliceOnA.ofType('error')).toEqual([]);

      // Instance B dies without a word: bob's hold lapses and alice hears he is gone.
      instances[1]!.child.kill('SIGKILL');
      expect(await aliceOnA.next((f) => f.type === 'presence' && f.userId === bob.userId && f.online === false, 0, WAIT_MS)).toMatchObject({ online: false });
      const friends = await request(a.url).get('/api/v1/chat/friends').set(alice.auth);
      expect(friends.body.friends).toEqual([expect.objectContaining({ userId: bob.userId, online: false })]);
      await aliceOnA.close();
    }, 300_000);
  });
}

describeWithBackend('mysql', 'chat multi-instance', (mysql) => {
  describeWithBackend('mongo', 'chat multi-instance', (mongo) => {
    describeWithBackend('redis', 'chat multi-instance', (redis) => {
      twoInstances('redis', { mysql: mysql.url, mongo: mongo.url, redis: redis.url });
      describeWithBackend('kafka', 'chat multi-instance', (kafka) => {
        twoInstances('kafka', { mysql: mysql.url, mongo: mongo.url, redis: redis.url, kafka: kafka.url });
      });
    });
  });
});
