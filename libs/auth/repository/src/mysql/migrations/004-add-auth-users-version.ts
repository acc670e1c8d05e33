import type { Migration } from '@mosaic/kit-db';

// The version a save checks (optimistic concurrency). Rows stored before it existed
// were saved at least once, so they start at 1, as a newly registered user does.
// One DDL statement, so it is applied whole or not at all.
export const addAuthUsersVersion: Migration = {
  version: 4,
  name: 'add_auth_users_version',
  sql: `ALTER TABLE auth_users ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1 AFTER roles`,
};
