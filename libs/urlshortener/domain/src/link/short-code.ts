import { linkErrors } from '../errors/link-errors';
import { isReservedWord } from './reserved-words';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 4 × 62: bytes at or above it are discarded so every character is equally likely. */
const UNBIASED_BYTE_LIMIT = 248;

/**
 * Seven random base62 characters give 62^7 ≈ 3.5 × 10^12 codes: with a billion links
 * stored, a random probe hits one in ~3,500 tries, so scraping cannot enumerate them,
 * and a fresh code collides rarely enough that a retry or two always finds a free one.
 */
export const GENERATED_CODE_LENGTH = 7;
export const ALIAS_MIN_LENGTH = 3;
export const ALIAS_MAX_LENGTH = 32;

/** Anything that could be a stored code: generated (base62) or an alias. */
const CODE_SHAPE = /^[A-Za-z0-9_-]{3,32}$/;

/** Fills a buffer with cryptographically strong random bytes; a port so tests can script codes. */
export type RandomBytes = (size: number) => Uint8Array;

/** Random bytes drawn from the OS in one call, handed out in order and never twice. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = new Uint8Array(0);
let randomOffset = 0;

/**
 * Cryptographically strong bytes from a pool refilled 4 KiB at a time: a code needs
 * seven, and one `getRandomValues` call per code was ~2.5% of a link creation's CPU
 * (the pool is how node's own `randomUUID` amortises the same call).
 */
export const cryptoRandomBytes: RandomBytes = (size) => {
  if (size > RANDOM_POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(size));
  if (randomOffset + size > randomPool.length) {
    randomPool = globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_POOL_BYTES));
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + size);
  randomOffset += size;
  return bytes;
};

/** The path segment a link answers to. Case matters: `abc` and `ABC` are different codes. */
export class ShortCode {
  private constructor(readonly value: string) {}

  /** A random base62 code that is never a reserved word. */
  static random(length: number = GENERATED_CODE_LENGTH, randomBytes: RandomBytes = cryptoRandomBytes): ShortCode {
    if (!Number.isInteger(length) || length < ALIAS_MIN_LENGTH || length > ALIAS_MAX_LENGTH) {
      throw new RangeError(`code length must be an integer in [${ALIAS_MIN_LENGTH}, ${ALIAS_MAX_LENGTH}], got ${length}`);
    }
    for (;;) {
      let code = '';
      while (code.length < length) {
        for (const byte of randomBytes(length - code.length)) {
          if (byte < UNBIASED_BYTE_LIMIT) code += BASE62[byte % 62];
        }
      }
      if (!isReservedWord(code)) return new ShortCode(code);
    }
  }

  /** A custom code chosen by the user: 3–32 of `[A-Za-z0-9_-]`, not a reserved word. */
  static alias(input: unknown): ShortCode {
    if (typeof input !== 'string') throw linkErrors.invalidAlias('alias must be a string');
    if (input.length < ALIAS_MIN_LENGTH || input.length > ALIAS_MAX_LENGTH) {
      throw linkErrors.invalidAlias(`alias must be ${ALIAS_MIN_LENGTH} to ${ALIAS_MAX_LENGTH} characters long`);
    }
    if (!CODE_SHAPE.test(input)) throw linkErrors.invalidAlias('alias may contain only letters, digits, "_" and "-"');
    if (isReservedWord(input)) throw linkErrors.reservedAlias(input);
    return new ShortCode(input);
  }

  /** A code read back from storage; a malformed one means corrupt data, not bad input. */
  static restore(value: string): ShortCode {
    if (!CODE_SHAPE.test(value)) throw new TypeError(`stored short code is malformed: ${JSON.stringify(value)}`);
    return new ShortCode(value);
  }

  /**
   * Whether a path segment could name a link at all. Anything else is answered
   * without a look-up, so junk paths never reach a cache or the database.
   */
  static couldExist(value: string): boolean {
    return CODE_SHAPE.test(value) && !isReservedWord(value);
  }

  toString(): string {
    return this.value;
  }
}
