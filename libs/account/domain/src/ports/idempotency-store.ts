/** A remembered request: its key, what it asked for, and the result it got. */
export interface IdempotencyRecord {
  readonly userId: string;
  readonly key: string;
  /** The operation and its arguments in canonical form; a retry must match it. */
  readonly fingerprint: string;
  /** The first result, encoded by the use case. */
  readonly response: string;
  readonly createdAt: Date;
}

/**
 * Idempotency keys, scoped per user. `claim` runs inside the unit of work of the
 * operation it guards, with the operation's result, so a key is stored once, complete,
 * exactly when its operation commits. It fails with IdempotencyKeyTakenError when the
 * key is already held — by a committed request, or by one still in flight, in which
 * case it first waits for that one to commit or roll back.
 */
export interface IdempotencyStore {
  find(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  claim(record: { userId: string; key: string; fingerprint: string; createdAt: Date; response: string }): Promise<void>;
}
