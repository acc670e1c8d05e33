import { AppError } from '@mosaic/kit-core';
import type { EngineSnapshot, ExchangeCommand, JournalRecord, ProductSpec, SharedCommandJournal, SnapshotStore } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';
import { ExchangeService } from './exchange-service';

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
const order = (userId: string, side: 'buy' | 'sell', price: number, ref: string): ExchangeCommand => ({
  type: 'place_order',
  userId,
  productId: 'AAA-BBB',
  side,
  orderType: 'limit',
  price,
  size: 1,
  ref,
});

/** One log shared by several instances, with Kafka's rule: taking the writer role fences the previous writer. */
class SharedLog {
  readonly records: JournalRecord[] = [];
  epoch = 0;
  readonly views: LogView[] = [];
}

class LogView implements SharedCommandJournal {
  private epoch = -1;
  private readonly listeners = new Set<(record: JournalRecord) => void>();

  constructor(private readonly log: SharedLog) {
    log.views.push(this);
  }

  get lastSeq(): number {
    return this.log.records.length;
  }

  get writable(): boolean {
    return this.epoch === this.log.epoch;
  }

  follow(listener: (record: JournalRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async becomeWriter(): Promise<void> {
    this.epoch = ++this.log.epoch;
  }

  async append(record: JournalRecord): Promise<void> {
    if (!this.writable) throw new Error('fenced: a newer writer holds the log');
    if (record.seq !== this.log.records.length + 1) throw new Error('journal append out of sequence');
    this.log.records.push(record);
    for (const view of this.log.views) if (view !== this) for (const listener of view.listeners) listener(record);
  }

  async *read(fromSeq: number, toSeq?: number): AsyncIterable<readonly JournalRecord[]> {
    yield this.log.records.slice(Math.max(1, fromSeq) - 1, toSeq ?? this.log.records.length);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/** One snapshot location shared by the instances (a shared directory, in production), recording which instance saved each. */
class SharedSnapshots {
  readonly saved: { by: string; snapshot: EngineSnapshot }[] = [];

  as(by: string): SnapshotStore {
    return {
      save: async (snapshot) => void this.saved.push({ by, snapshot: structuredClone(snapshot) }),
      latest: async () => structuredClone(this.saved.at(-1)?.snapshot),
    };
  }
}

async function settled(service: ExchangeService, seq: number): Promise<void> {
  for (let i = 0; i < 100 && service.queries.lastSeq < seq; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A leader and a standby on one log, the leader with a market and a funded buyer. */
async function pair() {
  const log = new SharedLog();
  const leaderJournal = new LogView(log);
  await leaderJournal.becomeWriter();
  const leader = await ExchangeService.open({ journal: leaderJournal, dedupWindow: Infinity });
  const standby = await ExchangeService.open({ journal: new LogView(log), standby: true, dedupWindow: Infinity });
  await leader.submit({ type: 'put_product', product: PRODUCT });
  await leader.submit({ type: 'deposit', userId: 'u1', currency: 'BBB', amount: 1_000n });
  return { log, leader, standby };
}

describe('ExchangeService as a hot standby', () => {
  it('applies what the leader journals, keeps the same state hash, and refuses commands with a retryable error', async () => {
    const { log, leader, standby } = await pair();
    await leader.submit({ type: 'deposit', userId: 'u2', currency: 'AAA', amount: 10n });
    await leader.submit(order('u1', 'buy', 100, 'b1'));
    await leader.submit(order('u2', 'sell', 100, 's1'));
    await settled(standby, 5);

    expect(standby.queries.stateHash()).toBe(leader.queries.stateHash());
    const refused = await standby.submit(order('u1', 'buy', 90, 'b2')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).kind).toBe('unavailable');
    expect(log.records).toHaveLength(5);
  });

  it('takes over: the old leader is fenced, and a retry of a command the old leader journaled is recognised', async () => {
    const { log, leader, standby } = await pair();
    const placed = await leader.submit(order('u1', 'buy', 100, 'b1'));

    await standby.promote();
    await expect(leader.submit(order('u1', 'buy', 99, 'b2'))).rejects.toThrow(/fenced|journal failed/);
    const retried = await standby.submit(order('u1', 'buy', 100, 'b1'));
    expect(retried).toMatchObject({ duplicate: true, seq: placed.seq });
    const next = await standby.submit(order('u1', 'buy', 98, 'b3'));
    expect(next.seq).toBe(placed.seq + 1);
    expect(log.records.map((r) => r.command.ref ?? r.command.type)).toEqual(['put_product', 'deposit', 'b1', 'b3']);
  });

  it('only the leader saves to the shared snapshots; a new standby starts from them plus the journal tail, and deduplicates across the snapshot', async () => {
    const log = new SharedLog();
    const snapshots = new SharedSnapshots();
    const leaderJournal = new LogView(log);
    await leaderJournal.becomeWriter();
    const leader = await ExchangeService.open({ journal: leaderJournal, dedupWindow: Infinity, snapshots: snapshots.as('leader'), snapshotEvery: 2 });
    const standby = await ExchangeService.open({
      journal: new LogView(log),
      standby: true,
      dedupWindow: Infinity,
      snapshots: snapshots.as('standby'),
      snapshotEvery: 1,
    });
    await leader.submit({ type: 'put_product', product: PRODUCT });
    await leader.submit({ type: 'deposit', userId: 'u1', currency: 'BBB', amount: 1_000n });
    const early = await leader.submit(order('u1', 'buy', 100, 'early'));
    for (let i = 0; i < 5; i++) await leader.submit(order('u1', 'buy', 90 - i, `later-${i}`));
    await settled(standby, log.records.length);
    await leader.close();
    expect(new Set(snapshots.saved.map((entry) => entry.by))).toEqual(new Set(['leader']));

    const late = await ExchangeService.open({ journal: new LogView(log), standby: true, dedupWindow: Infinity, snapshots: snapshots.as('late') });
    expect(late.recovery.snapshotSeq).toBeGreaterThan(early.seq);
    expect(late.recovery.replayed).toBe(log.records.length - late.recovery.snapshotSeq);
    expect(late.queries.stateHash()).toBe(standby.queries.stateHash());
    await late.promote();
    await expect(late.submit(order('u1', 'buy', 100, 'early'))).resolves.toMatchObject({ duplicate: true, seq: early.seq });
  });
});
