import type { Migration } from '@mosaic/kit-db';
import { outboxTableSql } from '@mosaic/kit-outbox';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * The account domain's schema, applied in order by kit-db's runner under the
 * "account" namespace. Kept in code rather than .sql files so a bundled app carries
 * it. Applied migrations are never edited: add a new version instead.
 *
 * Money and points are BIGINT minor units (the domain caps them at 18 digits). User
 * ids and idempotency keys compare byte for byte (binary collations): "Key" and "key"
 * are different keys. CHECK constraints repeat the domain's never-negative rule as a
 * last line of defence.
 */
export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_accounts',
    sql: `CREATE TABLE IF NOT EXISTS account_accounts (
  id BIGINT NOT NULL,
  owner_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  balance BIGINT NOT NULL,
  address_province VARCHAR(100) NULL,
  address_city VARCHAR(100) NULL,
  address_district VARCHAR(100) NULL,
  address_line VARCHAR(200) NULL,
  version INT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_account_accounts_owner (owner_id, id),
  CONSTRAINT chk_account_accounts_balance CHECK (balance >= 0)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 2,
    name: 'create_bank_cards',
    sql: `CREATE TABLE IF NOT EXISTS account_bank_cards (
  account_id BIGINT NOT NULL,
  number VARCHAR(19) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  bank_name VARCHAR(100) NOT NULL,
  enabled TINYINT(1) NOT NULL,
  added_at DATETIME(3) NOT NULL,
  PRIMARY KEY (account_id, number),
  CONSTRAINT fk_account_bank_cards_account FOREIGN KEY (account_id) REFERENCES account_accounts (id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 3,
    name: 'create_ledger_entries',
    sql: `CREATE TABLE IF NOT EXISTS account_ledger_entries (
  id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount BIGINT NOT NULL,
  balance_after BIGINT NOT NULL,
  reference VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  counterparty_account_id BIGINT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_account_ledger_account (account_id, id),
  KEY idx_account_ledger_reference (reference),
  CONSTRAINT fk_account_ledger_account FOREIGN KEY (account_id) REFERENCES account_accounts (id),
  CONSTRAINT chk_account_ledger_amount CHECK (amount <> 0),
  CONSTRAINT chk_account_ledger_balance CHECK (balance_after >= 0)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 4,
    name: 'create_points',
    sql: `CREATE TABLE IF NOT EXISTS account_points (
  id BIGINT NOT NULL,
  owner_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  points BIGINT NOT NULL,
  version INT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY idx_account_points_owner (owner_id, id),
  CONSTRAINT chk_account_points_points CHECK (points >= 0)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 5,
    name: 'create_outbox',
    sql: outboxTableSql('account_outbox', TABLE_OPTIONS),
  },
  {
    version: 6,
    name: 'create_idempotency_keys',
    sql: `CREATE TABLE IF NOT EXISTS account_idempotency_keys (
  user_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  idem_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  fingerprint CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  response TEXT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, idem_key)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 7,
    name: 'create_processed_events',
    sql: `CREATE TABLE IF NOT EXISTS account_processed_events (
  consumer VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  processed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (consumer, event_id)
) ${TABLE_OPTIONS}`,
  },
];
