import { describe, expect, it } from 'vitest';
import { withDatabaseName } from './database-url';

describe('withDatabaseName', () => {
  it('replaces the database of a MySQL URL and keeps credentials and options', () => {
    expect(withDatabaseName('mysql://root:pw@127.0.0.1:3306/test?charset=utf8mb4', 'db_1')).toBe('mysql://root:pw@127.0.0.1:3306/db_1?charset=utf8mb4');
  });

  it('adds a database to a URL that names none', () => {
    expect(withDatabaseName('mysql://root@localhost', 'db_1')).toBe('mysql://root@localhost/db_1');
    expect(withDatabaseName('mongodb://127.0.0.1:27017/', 'db_1')).toBe('mongodb://127.0.0.1:27017/db_1');
  });

  it('handles a MongoDB seed list', () => {
    expect(withDatabaseName('mongodb://a:27017,b:27017/app?replicaSet=rs0', 'db_1')).toBe('mongodb://a:27017,b:27017/db_1?replicaSet=rs0');
  });

  it('rejects what is not a server URL', () => {
    expect(() => withDatabaseName('127.0.0.1:3306', 'db_1')).toThrow(TypeError);
  });
});
