import { createTestMongoDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { Schema } from 'mongoose';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { connectMongo, type MongoConnectionHandle } from './connect-mongo';
import { isDuplicateKeyError } from './mongo-errors';

interface Room {
  slug: string;
  title: string;
  members: string[];
  version: number;
  createdAt: Date;
}

const roomSchema = new Schema<Room>({
  slug: { type: String, required: true, unique: true },
  title: { type: String, required: true },
  members: { type: [String], default: [] },
  version: { type: Number, required: true, default: 0 },
  createdAt: { type: Date, required: true },
});
roomSchema.index({ members: 1, createdAt: -1 });

describeWithBackend('mongo', 'Mongo connection', (backend) => {
  let database: TestDatabase;
  let mongo: MongoConnectionHandle;
  beforeAll(async () => {
    database = await createTestMongoDatabase(backend.url(), 'kitdb_mongo');
    mongo = await connectMongo(database.url);
  });
  afterAll(async () => {
    await mongo?.resource.close();
    await database?.drop();
  });

  const rooms = () => mongo.connection.model<Room>('Room', roomSchema);
  const createdAt = new Date('2026-01-01T00:00:00.000Z');

  beforeEach(async () => {
    await rooms().deleteMany({});
    await rooms().create({ slug: 'general', title: 'General', members: ['ann', 'bob'], createdAt });
    await rooms().insertMany([
      { slug: 'random', title: 'Random', members: ['bob'], createdAt: new Date(createdAt.getTime() + 1_000) },
      { slug: 'ops', title: 'Ops', members: ['cat'], createdAt: new Date(createdAt.getTime() + 2_000) },
    ]);
  });

  it('creates the declared indexes', async () => {
    await rooms().init();
    const indexes = await rooms().listIndexes();
    expect(indexes.map((index) => index.key)).toEqual(expect.arrayContaining([{ _id: 1 }, { slug: 1 }, { members: 1, createdAt: -1 }]));
    expect(indexes.find((index) => index.key.slug === 1)?.unique).toBe(true);
  });

  it('finds, sorts and counts inserted documents', async () => {
    const bobs = await rooms().find({ members: 'bob' }).sort({ createdAt: -1 }).lean();
    expect(bobs.map((room) => room.slug)).toEqual(['random', 'general']);
    expect(bobs[1].createdAt).toEqual(createdAt);
    expect(await rooms().countDocuments({ createdAt: { $gt: createdAt } })).toBe(2);
  });

  it('updates only when the condition still holds (optimistic version check)', async () => {
    const first = await rooms().updateOne({ slug: 'general', version: 0 }, { $set: { title: 'Everyone' }, $inc: { version: 1 } });
    const stale = await rooms().updateOne({ slug: 'general', version: 0 }, { $set: { title: 'Lost update' }, $inc: { version: 1 } });
    expect(first.modifiedCount).toBe(1);
    expect(stale.modifiedCount).toBe(0);
    const updated = await rooms()
      .findOneAndUpdate({ slug: 'general', version: 1 }, { $addToSet: { members: 'cat' }, $inc: { version: 1 } }, { new: true })
      .lean();
    expect(updated).toMatchObject({ title: 'Everyone', version: 2, members: ['ann', 'bob', 'cat'] });
  });

  it('rejects a duplicate on a unique index with E11000', async () => {
    const duplicate = rooms().create({ slug: 'general', title: 'Again', createdAt: new Date() });
    await expect(duplicate).rejects.toSatisfy(isDuplicateKeyError);
    expect(await rooms().countDocuments({ slug: 'general' })).toBe(1);
  });

  it('lets exactly one of many concurrent writers claim a unique key, across connections', async () => {
    const other = await connectMongo(database.url);
    try {
      const models = [rooms(), other.connection.model<Room>('Room', roomSchema)];
      await Promise.all(models.map((model) => model.init()));
      const attempts = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => models[i % 2].create({ slug: 'contested', title: `claim ${i}`, createdAt })),
      );
      const rejected = attempts.filter((attempt) => attempt.status === 'rejected');
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      expect(rejected.every((attempt) => isDuplicateKeyError(attempt.reason))).toBe(true);
      expect(await rooms().countDocuments({ slug: 'contested' })).toBe(1);
    } finally {
      await other.resource.close();
    }
  });

  it('deletes documents', async () => {
    const result = await rooms().deleteOne({ slug: 'ops' });
    expect(result.deletedCount).toBe(1);
    expect(await rooms().findOne({ slug: 'ops' })).toBeNull();
  });

  it('exposes a Resource that pings the server and closes the connection', async () => {
    const own = await connectMongo(database.url, { name: 'chat-mongo' });
    expect(own.resource.name).toBe('chat-mongo');
    await expect(own.resource.check()).resolves.toBeUndefined();
    await own.resource.close();
    await expect(own.resource.check()).rejects.toThrow(/closed/);
    await expect(own.resource.close()).resolves.toBeUndefined();
  });

  it('fails at connect with a message naming the server, without its password', async () => {
    await expect(connectMongo('mongodb://app:secret@127.0.0.1:1/test', { serverSelectionTimeoutMs: 500 })).rejects.toThrow(
      /cannot connect to MongoDB at mongodb:\/\/app:\*\*\*@127\.0\.0\.1:1\/test/,
    );
  });
});
