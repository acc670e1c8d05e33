import { systemClock, type Clock } from './clock';

/**
 * Time-ordered 64-bit ids in the Snowflake layout: 41 bits of milliseconds since
 * EPOCH_MS, 10 bits of worker, 12 bits of sequence. Ids sort by creation time as
 * numbers and as equal-length decimal strings, which makes them usable as cursors.
 * They travel as strings because JSON numbers lose precision past 2^53.
 */
export const EPOCH_MS = Date.UTC(2024, 0, 1);
const WORKER_BITS = 10n;
const SEQUENCE_BITS = 12n;
const MAX_WORKER = (1 << Number(WORKER_BITS)) - 1;
const MAX_SEQUENCE = (1 << Number(SEQUENCE_BITS)) - 1;

export interface IdGenerator {
  next(): string;
}

export class SnowflakeIds implements IdGenerator {
  private lastMs = -1;
  private sequence = 0;

  constructor(
    private readonly workerId = 0,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER) {
      throw new RangeError(`workerId must be an integer in [0, ${MAX_WORKER}], got ${workerId}`);
    }
  }

  next(): string {
    return this.nextBigInt().toString();
  }

  nextBigInt(): bigint {
    // A clock that steps back must not produce an id smaller than one already
    // handed out, so time never runs below the last value seen.
    let ms = Math.max(this.clock.nowMs(), this.lastMs);
    if (ms === this.lastMs) {
      this.sequence = (this.sequence + 1) & MAX_SEQUENCE;
      if (this.sequence === 0) ms = this.lastMs + 1; // borrow the next millisecond
    } else {
      this.sequence = 0;
    }
    this.lastMs = ms;
    return (BigInt(ms - EPOCH_MS) << (WORKER_BITS + SEQUENCE_BITS)) | (BigInt(this.workerId) << SEQUENCE_BITS) | BigInt(this.sequence);
  }
}

/** The creation time embedded in an id. */
export function timeOfId(id: string | bigint): Date {
  const value = typeof id === 'bigint' ? id : BigInt(id);
  return new Date(Number(value >> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH_MS);
}

/** Orders two decimal id strings numerically without parsing them to bigint. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const ID_PATTERN = /^[1-9][0-9]{0,19}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && BigInt(value) < 1n << 63n;
}
