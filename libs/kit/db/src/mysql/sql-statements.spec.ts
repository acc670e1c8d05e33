import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './sql-statements';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and trims', () => {
    expect(splitSqlStatements('CREATE TABLE a (id INT);\n\n  INSERT INTO a VALUES (1) ;\n')).toEqual(['CREATE TABLE a (id INT)', 'INSERT INTO a VALUES (1)']);
  });

  it('keeps semicolons inside strings, identifiers and comments', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'back\\';slash')",
      'CREATE TABLE `odd;name` (id INT) /* trailing; comment */',
      '-- a comment; with a semicolon\nSELECT 1 # another; one\n, 2',
    ].join(';\n');
    expect(splitSqlStatements(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'back\\';slash')",
      'CREATE TABLE `odd;name` (id INT) /* trailing; comment */',
      '-- a comment; with a semicolon\nSELECT 1 # another; one\n, 2',
    ]);
  });

  it('drops chunks that hold only comments or whitespace', () => {
    expect(splitSqlStatements('-- header\n/* block */\nSELECT 1;\n-- footer; still a comment\n;;')).toEqual(['-- header\n/* block */\nSELECT 1']);
  });

  it('keeps versioned comments, which the server executes', () => {
    expect(splitSqlStatements('/*!40101 SET NAMES utf8mb4 */;')).toEqual(['/*!40101 SET NAMES utf8mb4 */']);
  });

  it('treats "--" without a following space as an operator, as MySQL does', () => {
    expect(splitSqlStatements('SELECT 5--1; SELECT 2')).toEqual(['SELECT 5--1', 'SELECT 2']);
  });

  it('refuses unterminated quotes and comments and the DELIMITER command', () => {
    expect(() => splitSqlStatements("SELECT 'open")).toThrow(/unterminated ' quote/);
    expect(() => splitSqlStatements('SELECT 1 /* open')).toThrow(/unterminated/);
    expect(() => splitSqlStatements('DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //')).toThrow(/DELIMITER/);
  });
});
