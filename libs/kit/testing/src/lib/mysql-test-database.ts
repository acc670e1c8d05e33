import { uniqueName } from './unique-name';
import { withDatabaseName } from './database-url';

export interface TestDatabase {
  readonly name: string;
  /** The given server URL pointing at the new database. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty MySQL database for one test file, so suites running side by side
 * (or a previous crashed run) never see each other's tables. Call `drop` in afterAll.
 */
export async function createTestDatabase(mysqlUrl: string, label = 'test'): Promise<TestDatabase> {
  // Loaded lazily: only suites that ask for MySQL pay for the driver.
  const mysql = await import('mysql2/promise');
  const name = uniqueName(label).slice(0, 64);
  const admin = await mysql.createConnection(mysqlUrl);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabaseName(mysqlUrl, name),
    drop: async () => {
      const connection = await mysql.createConnection(mysqlUrl);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
