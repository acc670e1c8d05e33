import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBackend } from './describe-with-backend';
import { createTestMongoDatabase } from './mongo-test-database';
import { createTestDatabase } from './mysql-test-database';
import { createTestRedisNamespace } from './redis-test-namespace';

describeWithBackend('mysql', 'createTestDatabase', (backend) => {
  it('creates an empty utf8mb4 database reachable at its URL, and drops it', async () => {
    const database = await createTestDatabase(backend.url(), 'helpers');
    const connection = await mysql.createConnection(database.url);
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT DATABASE() AS db, @@character_set_database AS charset, (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()) AS tables',
      );
      expect(rows[0]).toMatchObject({ db: database.name, charset: 'utf8mb4' });
      expect(Number(rows[0].tables)).toBe(0);
      await database.drop();
      const [left] = await connection.query<RowDataPacket[]>('SHOW DATABASES LIKE ?', [database.name]);
      expect(left).toHaveLength(0);
    } finally {
      await connection.end();
    }
  });
});

describeWithBackend('redis', 'createTestRedisNamespace', (backend) => {
  let client: Redis;
  beforeAll(async () => {
    client = new Redis(backend.url());
  });
  afterAll(async () => client?.quit());

  it('drops every key under its namespace and nothing else', async () => {
    const space = createTestRedisNamespace(backend.url(), 'helpers');
    const neighbour = createTestRedisNamespace(backend.url(), 'helpers');
    try {
      await client.mset(...Array.from({ length: 1_200 }, (_, i) => [`${space.namespace}:k${i}`, 'v']).flat());
      await client.set(`${neighbour.namespace}:k`, 'kept');
      await client.set(space.namespace, 'not under the namespace');
      await space.drop();
      expect(await client.keys(`${space.namespace}:*`)).toEqual([]);
      expect(await client.get(`${neighbour.namespace}:k`)).toBe('kept');
      expect(await client.get(space.namespace)).toBe('not under the namespace');
    } finally {
      await client.del(space.namespace);
      await neighbour.drop();
    }
  });
});

describeWithBackend('mongo', 'createTestMongoDatabase', (backend) => {
  it('names a database of its own and drops it', async () => {
    const database = await createTestMongoDatabase(backend.url(), 'helpers');
    const connection = await mongoose.createConnection(database.url).asPromise();
    try {
      expect(connection.db?.databaseName).toBe(database.name);
      await connection.db?.collection('things').insertOne({ a: 1 });
      const names = async () => (await connection.db!.admin().listDatabases()).databases.map((db) => db.name);
      expect(await names()).toContain(database.name);
      await database.drop();
      expect(await names()).not.toContain(database.name);
    } finally {
      await connection.close();
    }
  });
});
