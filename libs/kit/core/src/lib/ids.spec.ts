import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { compareIds, EPOCH_MS, isId, SnowflakeIds, timeOfId } from './ids';

describe('SnowflakeIds', () => {
  it('produces strictly increasing ids within and across milliseconds', () => {
    const clock = new ManualClock(EPOCH_MS + 1000);
    const ids = new SnowflakeIds(3, clock);
    const seen: bigint[] = [];
    for (let i = 0; i < 10_000; i++) {
      seen.push(ids.nextBigInt());
      if (i % 1000 === 0) clock.advance(1);
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!).toBe(true);
  });

  it('never goes backwards when the clock does', () => {
    const clock = new ManualClock(EPOCH_MS + 50_000);
    const ids = new SnowflakeIds(0, clock);
    const first = ids.nextBigInt();
    clock.advance(-10_000);
    expect(ids.nextBigInt() > first).toBe(true);
  });

  it('embeds its creation time and fits in a signed 64-bit integer', () => {
    const at = Date.UTC(2030, 5, 1);
    const id = new SnowflakeIds(1023, new ManualClock(at)).next();
    expect(timeOfId(id).getTime()).toBe(at);
    expect(isId(id)).toBe(true);
  });

  it('rejects a worker id out of range', () => {
    expect(() => new SnowflakeIds(1024)).toThrow(RangeError);
  });
});

describe('compareIds', () => {
  it('orders decimal strings numerically', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('123', '122')).toBeGreaterThan(0);
    expect(compareIds('5', '5')).toBe(0);
  });
});

describe('isId', () => {
  it.each(['0', '01', '-1', 'abc', '1.5', '9223372036854775808', ''])('rejects %j', (value) => {
    expect(isId(value)).toBe(false);
  });
});
