import type { Migration } from '@mosaic/kit-db';
import { outboxTableSql } from '@mosaic/kit-outbox';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const USER = 'VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin';
const ITEM = 'CHAR(16) CHARACTER SET ascii COLLATE ascii_bin';
const SALE = 'CHAR(10) CHARACTER SET ascii COLLATE ascii_bin';
const CODE = 'CHAR(22) CHARACTER SET ascii COLLATE ascii_bin';

/**
 * The flash sale's schema, applied by kit-db's runner under the "flashsale" namespace.
 * Applied migrations are never edited: add a new version instead.
 *
 * - `flashsale_items.sold_to` is the store of record for who bought what: the sale of an
 *   item is `UPDATE … WHERE sold_to IS NULL`, so an item is sold at most once.
 * - `flashsale_baskets.open_marker` is 1 while a basket is open and NULL once bought:
 *   the unique key (sale, user, open_marker) allows one open basket per user and sale
 *   and any number of closed ones (NULLs never collide).
 * - `flashsale_quotas` counts what each user bought, guarded by `bought < limit`.
 * - `flashsale_order_events` is the order center's event store: (order_id, version)
 *   is the primary key, so two writers of one version collide (optimistic concurrency).
 */
export const FLASHSALE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_sales_and_items',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_sales (
  id ${SALE} NOT NULL,
  opens_at DATETIME(3) NOT NULL,
  closes_at DATETIME(3) NOT NULL,
  total INT NOT NULL,
  PRIMARY KEY (id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 2,
    name: 'create_items',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_items (
  id ${ITEM} NOT NULL,
  sale_id ${SALE} NOT NULL,
  idx INT NOT NULL,
  name VARCHAR(100) NOT NULL,
  sold_to ${USER} NULL,
  order_id BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_flashsale_items_position (sale_id, idx),
  KEY idx_flashsale_items_buyer (sale_id, sold_to)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 3,
    name: 'create_baskets',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_baskets (
  code ${CODE} NOT NULL,
  sale_id ${SALE} NOT NULL,
  user_id ${USER} NOT NULL,
  open_marker TINYINT NULL,
  result TEXT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (code),
  UNIQUE KEY uq_flashsale_baskets_open (sale_id, user_id, open_marker)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 4,
    name: 'create_basket_items',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_basket_items (
  code ${CODE} NOT NULL,
  item_id ${ITEM} NOT NULL,
  seq BIGINT NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (code, item_id),
  KEY idx_flashsale_basket_items_seq (seq)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 5,
    name: 'create_quotas',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_quotas (
  sale_id ${SALE} NOT NULL,
  user_id ${USER} NOT NULL,
  bought INT NOT NULL,
  PRIMARY KEY (sale_id, user_id),
  CONSTRAINT chk_flashsale_quotas_bought CHECK (bought >= 0)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 6,
    name: 'create_checkout_attempts',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_checkout_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  sale_id ${SALE} NOT NULL,
  user_id ${USER} NOT NULL,
  item_id ${ITEM} NOT NULL,
  outcome VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  code ${CODE} NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_flashsale_attempts_user (sale_id, user_id, id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 7,
    name: 'create_order_events',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_order_events (
  order_id BIGINT NOT NULL,
  version INT NOT NULL,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payload TEXT NOT NULL,
  occurred_at DATETIME(3) NOT NULL,
  PRIMARY KEY (order_id, version),
  UNIQUE KEY uq_flashsale_order_events_event (event_id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 8,
    name: 'create_order_summary',
    sql: `CREATE TABLE IF NOT EXISTS flashsale_order_summary (
  order_id BIGINT NOT NULL,
  user_id ${USER} NOT NULL,
  sale_id ${SALE} NOT NULL,
  code ${CODE} NOT NULL,
  items TEXT NOT NULL,
  status VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version INT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (order_id),
  KEY idx_flashsale_order_summary_user (user_id, order_id)
) ${TABLE_OPTIONS}`,
  },
  { version: 9, name: 'create_outbox', sql: outboxTableSql('flashsale_outbox', TABLE_OPTIONS) },
];
