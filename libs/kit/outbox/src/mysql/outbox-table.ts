const TABLE_NAME = /^[a-z][a-z0-9_]{0,50}$/;

/** Table names go into SQL text, so only plain lowercase identifiers are accepted. */
export function assertTableName(table: string): string {
  if (!TABLE_NAME.test(table)) throw new TypeError(`outbox table name must be a lowercase identifier, got "${table}"`);
  return table;
}

/**
 * The outbox table's DDL, for a domain's migrations: events in commit order (`seq`),
 * each stored once (`event_id` unique), the whole event as its JSON payload.
 */
export function outboxTableSql(table: string, tableOptions: string): string {
  const name = assertTableName(table);
  return `CREATE TABLE IF NOT EXISTS ${name} (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  type VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  aggregate_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload LONGTEXT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (seq),
  UNIQUE KEY uq_${name}_event (event_id)
) ${tableOptions}`;
}
