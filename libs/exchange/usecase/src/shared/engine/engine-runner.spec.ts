import { ExchangeEngine, type ExchangeCommand, type JournalRecord } from '@mosaic/exchange-domain';
import { MemoryCommandJournal } from '@mosaic/exchange-repository';
import { describe, expect, it } from 'vitest';
import { EngineRunner, JournalGapError } from './engine-runner';

const PRODUCT: ExchangeCommand = {
  type: 'put_product',
  product: {
    id: 'AAA-BBB',
    baseCurrency: 'AAA',
    quoteCurrency: 'BBB',
    baseScale: 0,
    quoteScale: 0,
    tickSize: '1',
    stepSize: '1',
    minSize: '1',
    maxSize: '1000',
    minFunds: '1',
    maxFunds: '100000',
    makerFee: '0',
    takerFee: '0',
  },
};

function log(count: number): JournalRecord[] {
  return [
    PRODUCT,
    ...Array.from({ length: count - 1 }, (_, i): ExchangeCommand => ({ type: 'deposit', userId: `u${i}`, currency: 'BBB', amount: BigInt(i + 1) })),
  ].map((command, i) => ({ seq: i + 1, time: i, command }));
}

describe('EngineRunner', () => {
  it('applies records in order and skips one it has already applied', () => {
    const runner = new EngineRunner(new ExchangeEngine());
    const [first, second] = log(2);
    expect(runner.apply(first)?.accepted).toBe(true);
    expect(runner.apply(first)).toBeUndefined();
    expect(runner.apply(second)?.seq).toBe(2);
    expect(runner.lastSeq).toBe(2);
  });

  it('refuses a record that would skip others', () => {
    const runner = new EngineRunner(new ExchangeEngine());
    const records = log(3);
    runner.apply(records[0]);
    expect(() => runner.apply(records[2])).toThrow(JournalGapError);
    expect(runner.lastSeq).toBe(1);
  });

  it('fills a gap from the journal when following', async () => {
    const records = log(10);
    const journal = new MemoryCommandJournal(records);
    const runner = new EngineRunner(new ExchangeEngine(), journal);
    runner.apply(records[0]);
    const results = await runner.follow(records[6]);
    expect(results.map((result) => result.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(runner.lastSeq).toBe(7);
  });

  it('reports a gap the journal cannot fill', async () => {
    const records = log(10);
    const runner = new EngineRunner(new ExchangeEngine(), new MemoryCommandJournal(records.slice(0, 3)));
    await expect(runner.follow(records[8])).rejects.toThrow(/expected command 4, received 9/);
  });

  it('catches up with everything in the journal', async () => {
    const records = log(25);
    const runner = new EngineRunner(new ExchangeEngine(), new MemoryCommandJournal(records));
    runner.apply(records[0]);
    const seen: number[] = [];
    expect(await runner.catchUp(undefined, (result) => seen.push(result.seq))).toBe(24);
    expect(seen).toEqual(records.slice(1).map((r) => r.seq));
    expect(await runner.catchUp()).toBe(0);
  });
});
