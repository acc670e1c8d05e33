import type { Migration } from '@mosaic/kit-db';

// token_hash is SHA-256 of the secret; the secret itself is never stored.
export const createAuthRefreshTokens: Migration = {
  version: 3,
  name: 'create_auth_refresh_tokens',
  sql: `
CREATE TABLE IF NOT EXISTS auth_refresh_tokens (
  token_hash BINARY(32) NOT NULL,
  family_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  issued_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  rotated_at DATETIME(3) NULL,
  PRIMARY KEY (token_hash),
  KEY ix_auth_refresh_tokens_family (family_id),
  KEY ix_auth_refresh_tokens_expires (expires_at),
  CONSTRAINT fk_auth_refresh_tokens_family FOREIGN KEY (family_id) REFERENCES auth_refresh_token_families (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
`,
};
