/** MySQL/MariaDB error numbers the kit reacts to. */
export const MYSQL_ERRORS = {
  DUP_ENTRY: 1062,
  LOCK_WAIT_TIMEOUT: 1205,
  LOCK_DEADLOCK: 1213,
  /** MariaDB's "record has changed since last read" under snapshot isolation. */
  CHECKREAD: 1020,
} as const;

interface MysqlError {
  errno?: number;
  sqlState?: string;
}

function mysqlError(error: unknown): MysqlError {
  return typeof error === 'object' && error !== null ? (error as MysqlError) : {};
}

/**
 * Failures a transaction may simply run again: it was chosen as a deadlock victim, it
 * waited too long for a lock, or the server found a serialization conflict (SQLSTATE
 * 40001). Nothing it did is kept, so a retry cannot apply anything twice.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const { errno, sqlState } = mysqlError(error);
  return errno === MYSQL_ERRORS.LOCK_DEADLOCK || errno === MYSQL_ERRORS.LOCK_WAIT_TIMEOUT || errno === MYSQL_ERRORS.CHECKREAD || sqlState === '40001';
}

/** A unique or primary key already holds the value: map it to a conflict. */
export function isDuplicateEntryError(error: unknown): boolean {
  return mysqlError(error).errno === MYSQL_ERRORS.DUP_ENTRY;
}
