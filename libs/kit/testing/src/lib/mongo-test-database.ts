import { withDatabaseName } from './database-url';
import type { TestDatabase } from './mysql-test-database';
import { uniqueName } from './unique-name';

/**
 * A database name no other run uses on the given MongoDB server; Mongo creates it on
 * first write. Call `drop` in afterAll.
 */
export async function createTestMongoDatabase(mongoUrl: string, label = 'test'): Promise<TestDatabase> {
  const name = uniqueName(label).slice(0, 63);
  const url = withDatabaseName(mongoUrl, name);
  return {
    name,
    url,
    drop: async () => {
      // Loaded lazily: only suites that ask for Mongo pay for the driver.
      const { default: mongoose } = await import('mongoose');
      const connection = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5_000 }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
