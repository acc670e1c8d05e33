import { ManualClock } from '@mosaic/kit-core';
import type { ExchangeCommand } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';
import { DedupSequencer } from './sequencer';

const deposit = (userId: string, ref?: string): ExchangeCommand => ({
  type: 'deposit',
  userId,
  currency: 'USDT',
  amount: 1n,
  ...(ref === undefined ? {} : { ref }),
});

describe('DedupSequencer', () => {
  it('numbers commands consecutively after the journal’s end and stamps them with the clock', () => {
    const clock = new ManualClock(1_000);
    const sequencer = new DedupSequencer({ lastSeq: 41, clock });
    const first = sequencer.next(deposit('a'));
    clock.advance(5);
    const second = sequencer.next(deposit('a'));
    expect(first).toEqual({ duplicate: false, record: { seq: 42, time: 1_000, command: deposit('a') } });
    expect(second).toMatchObject({ duplicate: false, record: { seq: 43, time: 1_005 } });
    expect(sequencer.lastSeq).toBe(43);
  });

  it('never lets time run backwards in the journal', () => {
    const clock = new ManualClock(5_000);
    const sequencer = new DedupSequencer({ lastSeq: 0, clock });
    sequencer.next(deposit('a'));
    clock.set(4_000);
    expect(sequencer.next(deposit('a'))).toMatchObject({ record: { time: 5_000 } });
  });

  it('recognises a retry by (user, ref) and names the original', () => {
    const sequencer = new DedupSequencer({ lastSeq: 0, clock: new ManualClock() });
    sequencer.next(deposit('a', 'r1'));
    expect(sequencer.next(deposit('a', 'r1'))).toEqual({ duplicate: true, seq: 1 });
    expect(sequencer.next(deposit('b', 'r1'))).toMatchObject({ duplicate: false, record: { seq: 2 } });
    expect(sequencer.next(deposit('a'))).toMatchObject({ duplicate: false, record: { seq: 3 } });
    expect(sequencer.next(deposit('a'))).toMatchObject({ duplicate: false, record: { seq: 4 } });
    expect(sequencer.lastSeq).toBe(4);
  });

  it('forgets references that left its window', () => {
    const sequencer = new DedupSequencer({ lastSeq: 0, clock: new ManualClock(), window: 3 });
    sequencer.next(deposit('a', 'old'));
    for (let i = 0; i < 3; i++) sequencer.next(deposit('a', `r${i}`));
    expect(sequencer.next(deposit('a', 'old'))).toMatchObject({ duplicate: false, record: { seq: 5 } });
    expect(sequencer.next(deposit('a', 'r2'))).toEqual({ duplicate: true, seq: 4 });
  });

  it('remembers records already in the journal', () => {
    const sequencer = new DedupSequencer({ lastSeq: 2, clock: new ManualClock(100) });
    sequencer.remember({ seq: 1, time: 900, command: deposit('a', 'r1') });
    sequencer.remember({ seq: 2, time: 950, command: deposit('a') });
    expect(sequencer.next(deposit('a', 'r1'))).toEqual({ duplicate: true, seq: 1 });
    expect(sequencer.next(deposit('a', 'r2'))).toEqual({ duplicate: false, record: { seq: 3, time: 950, command: deposit('a', 'r2') } });
  });

  it('keeps the newer of two journal records with the same reference when the older leaves the window', () => {
    // A journal written with a wider window may hold a reference twice.
    const sequencer = new DedupSequencer({ lastSeq: 2, clock: new ManualClock(), window: 2 });
    sequencer.remember({ seq: 1, time: 0, command: deposit('a', 'x') });
    sequencer.remember({ seq: 2, time: 0, command: deposit('a', 'x') });
    sequencer.next(deposit('a', 'y'));
    expect(sequencer.next(deposit('a', 'x'))).toEqual({ duplicate: true, seq: 2 });
  });
});
