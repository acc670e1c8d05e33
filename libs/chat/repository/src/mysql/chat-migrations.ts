import type { Migration } from '@mosaic/kit-db';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const ID = 'VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL';

/**
 * The chat domain's MySQL schema (friends and channels; messages live in MongoDB),
 * applied in order by kit-db's runner under the "chat" namespace. Applied migrations
 * are never edited: add a new version instead.
 */
export const CHAT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_friend_asks',
    sql: `CREATE TABLE IF NOT EXISTS chat_friend_asks (
  requester_id ${ID},
  addressee_id ${ID},
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (requester_id, addressee_id),
  KEY idx_chat_friend_asks_addressee (addressee_id, requester_id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 2,
    name: 'create_channels',
    sql: `CREATE TABLE IF NOT EXISTS chat_channels (
  id ${ID},
  name VARCHAR(80) NOT NULL,
  owner_id ${ID},
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
) ${TABLE_OPTIONS}`,
  },
  {
    version: 3,
    name: 'create_channel_members',
    sql: `CREATE TABLE IF NOT EXISTS chat_channel_members (
  channel_id ${ID},
  user_id ${ID},
  joined_at DATETIME(3) NOT NULL,
  seq BIGINT NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (channel_id, user_id),
  UNIQUE KEY uq_chat_channel_members_seq (seq),
  KEY idx_chat_channel_members_user (user_id, channel_id)
) ${TABLE_OPTIONS}`,
  },
];
