import { migrate, type MigrateResult, type Migration, type MysqlPool } from '@mosaic/kit-db';

/**
 * The exchange history schema, in order. Amounts are the decimal strings the API
 * serves (exact, no float columns); ids are journal sequence numbers. Never edit a
 * migration that shipped; add the next version.
 */
export const EXCHANGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_exchange_history',
    sql: `
CREATE TABLE IF NOT EXISTS exchange_orders (
  id BIGINT UNSIGNED NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  product_id VARCHAR(32) NOT NULL,
  side VARCHAR(4) NOT NULL,
  type VARCHAR(8) NOT NULL,
  time_in_force VARCHAR(3) NOT NULL,
  post_only TINYINT(1) NOT NULL,
  price VARCHAR(48) NOT NULL,
  size VARCHAR(48) NOT NULL,
  funds VARCHAR(48) NOT NULL,
  filled_size VARCHAR(48) NOT NULL,
  executed_value VARCHAR(48) NOT NULL,
  fill_fees VARCHAR(48) NOT NULL,
  status VARCHAR(12) NOT NULL,
  done_reason VARCHAR(16) NULL,
  client_oid VARCHAR(64) NULL,
  created_at BIGINT NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY ix_exchange_orders_user (user_id, id),
  KEY ix_exchange_orders_user_product (user_id, product_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS exchange_fills (
  id BIGINT UNSIGNED NOT NULL,
  trade_id BIGINT UNSIGNED NOT NULL,
  order_id BIGINT UNSIGNED NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  product_id VARCHAR(32) NOT NULL,
  side VARCHAR(4) NOT NULL,
  price VARCHAR(48) NOT NULL,
  size VARCHAR(48) NOT NULL,
  fee VARCHAR(48) NOT NULL,
  liquidity CHAR(1) NOT NULL,
  created_at BIGINT NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY ix_exchange_fills_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS exchange_transfers (
  id BIGINT UNSIGNED NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  currency VARCHAR(16) NOT NULL,
  type VARCHAR(10) NOT NULL,
  amount VARCHAR(48) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_exchange_transfers_user (user_id, currency, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS exchange_projection (
  name VARCHAR(32) NOT NULL,
  last_seq BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
`,
  },
];

/** Brings the exchange tables up to date; safe to run from every instance at start-up. */
export function migrateExchangeSchema(pool: MysqlPool): Promise<MigrateResult> {
  return migrate(pool, { namespace: 'exchange', migrations: EXCHANGE_MIGRATIONS });
}
