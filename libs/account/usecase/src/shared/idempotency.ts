import { createHash } from 'node:crypto';
import { invalid } from '@mosaic/kit-core';
import { idempotencyKeyReused, isIdempotencyKeyTaken, type IdempotencyRecord, type TransactionScope } from '@mosaic/account-domain';
import type { AccountDeps } from './account-deps';
import type { Actor } from './actor';
import { withOptimisticRetry } from './optimistic-retry';

/** A result and whether it was replayed from an earlier request with the same key. */
export interface Idempotent<T> {
  readonly result: T;
  readonly replayed: boolean;
}

/** Turns a result into the text an IdempotencyStore keeps, and back. */
export interface ResultCodec<T> {
  encode(result: T): string;
  decode(text: string): T;
}

const KEY = /^[\x21-\x7e]{1,128}$/;

export function assertIdempotencyKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw invalid('invalid_idempotency_key', 'An Idempotency-Key is 1 to 128 visible ASCII characters', {
      details: [{ path: 'headers.idempotency-key', message: 'expected 1 to 128 visible ASCII characters' }],
    });
  }
}

/**
 * What a request asked for, as a fixed-size digest of its operation and canonical
 * arguments: stored with the key, compared on every retry, and free of the raw values.
 */
export function fingerprintOf(operation: string, ...args: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, ...args]))
    .digest('hex');
}

// A claim that loses a race is answered from the winner's record; a record can only
// vanish if its holder rolled back, and then one more attempt finds the key free.
const RACE_ATTEMPTS = 3;

/**
 * Runs `work` in a unit of work, at most once per (user, key). The key row is written
 * once, with its result, last in the same transaction as the change, so it exists
 * exactly when the change committed, and nothing is read before: a request racing the
 * first waits on what the first holds (the rows it changed, at the latest the key)
 * until the first commits, then fails on the key, rolls back and replays the stored
 * result; a first attempt that fails leaves no key behind and may be retried. The same
 * key with a different fingerprint is refused.
 *
 * The key goes last rather than first so the transaction writes it once instead of
 * claiming it empty and updating it later (one statement fewer). Last is also safe for
 * lock order: every unit of work takes its row locks in id order first and the key
 * after, and only a request carrying the same key can wait on the key, so no two
 * transactions wait on each other in a cycle.
 */
export async function runIdempotently<T>(
  deps: AccountDeps,
  operation: string,
  request: { actor: Actor; key: string | undefined; fingerprint: string },
  codec: ResultCodec<T>,
  work: (tx: TransactionScope) => Promise<T>,
): Promise<Idempotent<T>> {
  const { key, fingerprint } = request;
  const userId = request.actor.userId;
  if (key === undefined) {
    return { result: await withOptimisticRetry(operation, () => deps.unitOfWork.run(work), deps.retry), replayed: false };
  }
  assertIdempotencyKey(key);
  for (let race = 1; ; race++) {
    try {
      const result = await withOptimisticRetry(
        operation,
        () =>
          deps.unitOfWork.run(async (tx) => {
            const outcome = await work(tx);
            await tx.idempotency.claim({ userId, key, fingerprint, createdAt: deps.clock.now(), response: codec.encode(outcome) });
            return outcome;
          }),
        deps.retry,
      );
      return { result, replayed: false };
    } catch (error) {
      if (!isIdempotencyKeyTaken(error)) throw error;
      // Only a request whose key is taken reads it: nothing is read before the transaction.
      const earlier = await deps.idempotency.find(userId, key);
      if (earlier) return replay(earlier, fingerprint, codec);
      if (race >= RACE_ATTEMPTS) throw error;
    }
  }
}

function replay<T>(record: IdempotencyRecord, fingerprint: string, codec: ResultCodec<T>): Idempotent<T> {
  if (record.fingerprint !== fingerprint) throw idempotencyKeyReused();
  return { result: codec.decode(record.response), replayed: true };
}
