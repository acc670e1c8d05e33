import type { Migration } from '@mosaic/kit-db';

// Revocation lives on the family row, so revoking a whole session is one row update
// that serialises with rotations (which lock the same row).
export const createAuthRefreshTokenFamilies: Migration = {
  version: 2,
  name: 'create_auth_refresh_token_families',
  sql: `
CREATE TABLE IF NOT EXISTS auth_refresh_token_families (
  id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  revoked_at DATETIME(3) NULL,
  revoked_reason VARCHAR(32) CHARACTER SET ascii NULL,
  PRIMARY KEY (id),
  KEY ix_auth_refresh_token_families_user (user_id),
  KEY ix_auth_refresh_token_families_expires (expires_at),
  CONSTRAINT fk_auth_refresh_token_families_user FOREIGN KEY (user_id) REFERENCES auth_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
`,
};
