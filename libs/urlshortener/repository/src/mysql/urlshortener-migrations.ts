import type { Migration } from '@mosaic/kit-db';

/**
 * The shortener's schema, versioned. Kept in code rather than .sql files so the
 * bundled apps carry it; never edit an applied migration, add the next one.
 *
 * Codes and URLs are ASCII with a binary collation: codes are case-sensitive
 * ("abc" and "ABC" are two links) and target URLs are stored already normalised
 * (percent-encoded, punycode), which is ASCII by construction.
 */
export const URLSHORTENER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_links',
    sql: `CREATE TABLE IF NOT EXISTS urlshortener_links (
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  url VARCHAR(2048) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  owner_id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NULL,
  deleted_at DATETIME(3) NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  },
  {
    version: 2,
    name: 'create_link_clicks',
    sql: `CREATE TABLE IF NOT EXISTS urlshortener_link_clicks (
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  clicks BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  },
];
