import type { Migration } from '@mosaic/kit-db';

// Emails are validated to ASCII and lowercased before they get here, so a binary
// collation makes the unique index compare exactly what the domain compares.
export const createAuthUsers: Migration = {
  version: 1,
  name: 'create_auth_users',
  sql: `
CREATE TABLE IF NOT EXISTS auth_users (
  id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name VARCHAR(100) NULL,
  password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  roles VARCHAR(1000) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_auth_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
`,
};
