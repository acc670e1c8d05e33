import { AppError, ManualClock } from '@mosaic/kit-core';
import { ExchangeEngine, type CommandJournal, type CommandResult, type ExchangeCommand, type JournalRecord, type ProductSpec } from '@mosaic/exchange-domain';
import { MemoryCommandJournal, MemorySnapshotStore } from '@mosaic/exchange-repository';
import { describe, expect, it } from 'vitest';
import { ExchangeService } from './exchange-service';
import { DedupSequencer } from './sequencer';

const PRODUCT: ProductSpec = {
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
  makerFee: '0.001',
  takerFee: '0.002',
};
const list: ExchangeCommand = { type: 'put_product', product: PRODUCT };
const deposit = (userId: string, currency: string, amount: bigint, ref?: string): ExchangeCommand => ({
  type: 'deposit',
  userId,
  currency,
  amount,
  ...(ref === undefined ? {} : { ref }),
});
const limit = (userId: string, side: 'buy' | 'sell', price: number, size: number, ref?: string): ExchangeCommand => ({
  type: 'place_order',
  userId,
  productId: 'AAA-BBB',
  side,
  orderType: 'limit',
  price,
  size,
  ...(ref === undefined ? {} : { ref }),
});

/** A journal whose appends become durable only when the test says so (or fail when it says so). */
class ControlledJournal implements CommandJournal {
  readonly inner = new MemoryCommandJournal();
  private readonly confirmed = new Map<number, JournalRecord>();
  private readonly waiting = new Map<number, { record: JournalRecord; resolve: () => void; reject: (error: Error) => void }>();

  get lastSeq(): number {
    return this.inner.lastSeq;
  }

  append(record: JournalRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(record.seq, { record, resolve, reject });
    });
  }

  pending(): number[] {
    return [...this.waiting.keys()];
  }

  confirm(...seqs: number[]): void {
    for (const seq of seqs) {
      const waiting = this.waiting.get(seq);
      if (waiting === undefined) continue;
      this.waiting.delete(seq);
      this.confirmed.set(seq, waiting.record);
      waiting.resolve();
    }
    // What is readable back is the contiguous prefix, as with a real journal.
    for (let next = this.inner.lastSeq + 1; this.confirmed.has(next); next++) {
      void this.inner.append(this.confirmed.get(next)!);
      this.confirmed.delete(next);
    }
  }

  fail(seq: number, error: Error): void {
    this.waiting.get(seq)?.reject(error);
    this.waiting.delete(seq);
  }

  read(fromSeq: number, toSeq?: number) {
    return this.inner.read(fromSeq, toSeq);
  }

  async close(): Promise<void> {
    await this.inner.close();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

async function funded(journal: CommandJournal = new MemoryCommandJournal(), options: Partial<Parameters<typeof ExchangeService.open>[0]> = {}) {
  const service = await ExchangeService.open({ journal, clock: new ManualClock(), ...options });
  await service.submit(list);
  await service.submit(deposit('alice', 'AAA', 1_000n));
  await service.submit(deposit('bob', 'BBB', 100_000n));
  return service;
}

describe('ExchangeService', () => {
  it('sequences, journals and applies a command, answering with its result', async () => {
    const service = await funded();
    const submission = await service.submit(limit('alice', 'sell', 100, 10, 'order-1'));
    expect(submission).toMatchObject({ seq: 4, duplicate: false, result: { accepted: true, orderId: 4, ref: 'order-1' } });
    expect(service.queries.openOrders('alice')).toHaveLength(1);
    const trade = await service.submit(limit('bob', 'buy', 100, 4));
    expect(trade.result!.events.filter((event) => event.type === 'trade')).toHaveLength(1);
  });

  it('answers only once the record is durable, and applies in sequence order whatever order durability comes in', async () => {
    const journal = new ControlledJournal();
    const service = await ExchangeService.open({ journal, clock: new ManualClock() });
    const answered: number[] = [];
    const submissions = [list, deposit('alice', 'AAA', 5n), deposit('alice', 'AAA', 7n)].map((command) =>
      service.submit(command).then((submission) => {
        answered.push(submission.seq);
        return submission;
      }),
    );
    await settle();
    expect(journal.pending()).toEqual([1, 2, 3]);
    journal.confirm(3);
    journal.confirm(2);
    await settle();
    expect(answered).toEqual([]);
    expect(service.queries.lastSeq).toBe(0);
    journal.confirm(1);
    await Promise.all(submissions);
    expect(answered).toEqual([1, 2, 3]);
    expect(service.queries.balance('alice', 'AAA').available).toBe(12n);
  });

  it('refuses a malformed command before it reaches the journal', async () => {
    const journal = new MemoryCommandJournal();
    const service = await ExchangeService.open({ journal });
    await expect(service.submit({ type: 'place_order', userId: 'x' })).rejects.toMatchObject({ kind: 'invalid', code: 'invalid_command' });
    expect(journal.lastSeq).toBe(0);
  });

  it('journals and reports a command the engine rejects, with its reason', async () => {
    const service = await funded();
    const submission = await service.submit(limit('carol', 'buy', 100, 1));
    expect(submission.result).toMatchObject({ accepted: false, reason: 'insufficient_funds' });
    expect(submission.seq).toBe(4);
  });

  it('answers a retry with the original outcome instead of executing it twice', async () => {
    const journal = new MemoryCommandJournal();
    const service = await funded(journal);
    const first = await service.submit(deposit('alice', 'BBB', 50n, 'dep-1'));
    const retry = await service.submit(deposit('alice', 'BBB', 50n, 'dep-1'));
    expect(retry).toEqual({ seq: first.seq, duplicate: true, result: first.result });
    expect(service.queries.balance('alice', 'BBB').available).toBe(50n);
    expect(journal.lastSeq).toBe(first.seq);
  });

  it('answers a retry of a command still in flight once the original lands', async () => {
    const journal = new ControlledJournal();
    const service = await ExchangeService.open({ journal, clock: new ManualClock() });
    const original = service.submit({ ...list, ref: 'list-1' });
    const retry = service.submit({ ...list, ref: 'list-1' });
    await settle();
    expect(journal.pending()).toEqual([1]);
    journal.confirm(1);
    const [a, b] = await Promise.all([original, retry]);
    expect(b).toEqual({ seq: a.seq, duplicate: true, result: a.result });
  });

  it('recognises retries across a restart', async () => {
    const journal = new MemoryCommandJournal();
    const first = await funded(journal);
    await first.submit(deposit('alice', 'BBB', 50n, 'dep-1'));
    await first.close();
    const second = await ExchangeService.open({ journal });
    expect(await second.submit(deposit('alice', 'BBB', 50n, 'dep-1'))).toMatchObject({ seq: 4, duplicate: true, result: undefined });
    expect(second.queries.balance('alice', 'BBB').available).toBe(50n);
  });

  it('publishes every result in sequence order', async () => {
    const service = await ExchangeService.open({ journal: new MemoryCommandJournal() });
    const seen: CommandResult[] = [];
    const unsubscribe = service.subscribe((result) => seen.push(result));
    await Promise.all([service.submit(list), service.submit(deposit('a', 'AAA', 1n)), service.submit(deposit('a', 'ZZZ', 1n))]);
    unsubscribe();
    await service.submit(deposit('a', 'AAA', 1n));
    expect(seen.map((result) => [result.seq, result.accepted])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
  });

  it('takes periodic snapshots and restarts from the latest one plus the journal after it', async () => {
    const journal = new MemoryCommandJournal();
    const snapshots = new MemorySnapshotStore();
    const service = await funded(journal, { snapshots, snapshotEvery: 5 });
    for (let i = 0; i < 10; i++) await service.submit(limit(i % 2 === 0 ? 'alice' : 'bob', i % 2 === 0 ? 'sell' : 'buy', 100 + (i % 3), 2));
    await service.close();
    expect(snapshots.count).toBeGreaterThanOrEqual(2);
    const latest = await snapshots.latest();
    expect(latest!.seq).toBeLessThan(journal.lastSeq);

    const restarted = await ExchangeService.open({ journal, snapshots });
    expect(restarted.recovery).toEqual({ snapshotSeq: latest!.seq, replayed: journal.lastSeq - latest!.seq });
    const replayed = new ExchangeEngine();
    for await (const batch of journal.read(1)) for (const record of batch) replayed.apply(record);
    expect(restarted.queries.lastSeq).toBe(13);
    expect(restarted.queries.stateHash()).toBe(replayed.stateHash());
    expect(restarted.queries.stateHash()).toBe(service.queries.stateHash());
  });

  it('takes a snapshot once enough time has passed, if commands came in, with the host’s attachment', async () => {
    const snapshots = new MemorySnapshotStore();
    const clock = new ManualClock();
    const service = await funded(new MemoryCommandJournal(), {
      snapshots,
      clock,
      snapshotEvery: 0,
      snapshotEveryMs: 60_000,
      attachment: () => ({ seen: service.queries.lastSeq }),
    });
    expect(snapshots.count).toBe(0);
    clock.advance(60_000);
    await service.submit(deposit('alice', 'AAA', 1n));
    expect(snapshots.count).toBe(1);
    expect(await snapshots.latest()).toMatchObject({ seq: 4, attachment: { seen: 4 } });
    // Idle time alone takes none; the next is due a full interval later.
    clock.advance(30_000);
    await service.submit(deposit('alice', 'AAA', 1n));
    expect(snapshots.count).toBe(1);
  });

  it('saves a snapshot on demand', async () => {
    const snapshots = new MemorySnapshotStore();
    const service = await funded(new MemoryCommandJournal(), { snapshots, snapshotEvery: 0 });
    expect(snapshots.count).toBe(0);
    expect(await service.snapshotNow()).toBe(3);
    expect((await snapshots.latest())?.seq).toBe(3);
  });

  it('stops for good when the journal fails: the failed command and everything after it is refused', async () => {
    const journal = new ControlledJournal();
    const errors: unknown[] = [];
    const service = await ExchangeService.open({ journal, clock: new ManualClock(), onError: (error) => errors.push(error) });
    const first = service.submit(list);
    const second = service.submit(deposit('a', 'AAA', 1n));
    await settle();
    journal.confirm(1);
    await first;
    journal.fail(2, new Error('disk on fire'));
    await expect(second).rejects.toMatchObject({ kind: 'unavailable', code: 'exchange_unavailable' });
    await expect(service.submit(deposit('a', 'AAA', 1n))).rejects.toBeInstanceOf(AppError);
    await expect(service.check()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(errors).toHaveLength(1);
    expect(service.queries.lastSeq).toBe(1);
  });

  it('finishes commands in flight when closed, then refuses new ones', async () => {
    const journal = new ControlledJournal();
    const service = await ExchangeService.open({ journal, clock: new ManualClock() });
    const inFlight = service.submit(list);
    await settle();
    const closing = service.close();
    await expect(service.submit(deposit('a', 'AAA', 1n))).rejects.toMatchObject({ kind: 'unavailable' });
    journal.confirm(1);
    await closing;
    expect((await inFlight).result!.accepted).toBe(true);
  });

  it('takes an injected sequencer, provided it continues where the journal ends', async () => {
    const journal = new MemoryCommandJournal();
    await (await funded(journal)).close();
    await expect(ExchangeService.open({ journal, sequencer: new DedupSequencer({ lastSeq: 0 }) })).rejects.toThrow(/continues after 0/);
    const sequencer = new DedupSequencer({ lastSeq: 3, clock: new ManualClock(Date.UTC(2027, 0, 1)) });
    const service = await ExchangeService.open({ journal, sequencer });
    expect(await service.submit(deposit('bob', 'BBB', 1n))).toMatchObject({ seq: 4, result: { time: Date.UTC(2027, 0, 1) } });
  });

  it('refuses to start from a snapshot newer than the journal', async () => {
    const journal = new MemoryCommandJournal();
    const snapshots = new MemorySnapshotStore();
    const service = await funded(journal, { snapshots });
    await service.snapshotNow();
    await expect(ExchangeService.open({ journal: new MemoryCommandJournal(), snapshots })).rejects.toThrow(/ahead of the journal/);
  });

  it('refuses to start from a snapshot whose books and balances disagree', async () => {
    const journal = new MemoryCommandJournal();
    const source = await funded(journal);
    await source.submit(limit('alice', 'sell', 100, 10));
    const snapshot = (await replay(journal)).snapshot();
    const broken = { ...snapshot, accounts: snapshot.accounts.map((account) => ({ ...account, balances: account.balances.map((b) => ({ ...b, hold: 0n })) })) };
    const store = new MemorySnapshotStore();
    await store.save(broken);
    await expect(ExchangeService.open({ journal, snapshots: store })).rejects.toThrow(/inconsistent/);
  });
});

async function replay(journal: MemoryCommandJournal): Promise<ExchangeEngine> {
  const engine = new ExchangeEngine();
  for await (const batch of journal.read(1)) for (const record of batch) engine.apply(record);
  return engine;
}
