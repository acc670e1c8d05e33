import { ManualClock } from '@mosaic/kit-core';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSnapshotStore, MemoryCommandJournal, MemoryOrderHistory, MemorySnapshotStore } from '@mosaic/exchange-repository';
import { ExchangeEngine, type OrderHistoryStore } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';
import { ExchangePipeline, type ExchangePipelineOptions } from './exchange-pipeline';
import { createExchangeUseCases } from '../../exchange-use-cases';
import type { FeedMessage } from './feed-messages';

const START = Date.UTC(2026, 11, 1, 12, 0, 0);

async function open(
  journal: MemoryCommandJournal,
  history: OrderHistoryStore = new MemoryOrderHistory(),
  clock = new ManualClock(START),
  more: Partial<ExchangePipelineOptions> = {},
) {
  const pipeline = await ExchangePipeline.open({ journal, history, clock, ...more });
  return { pipeline, useCases: createExchangeUseCases(pipeline, { selfServiceTransfers: true }), clock, history };
}

const admin = { id: 'admin', roles: ['admin'] };

async function trade(useCases: Awaited<ReturnType<typeof open>>['useCases'], clock: ManualClock) {
  await useCases.transferFunds.execute({ caller: admin, userId: 'seller', currency: 'BTC', amount: '2', direction: 'deposit' });
  await useCases.transferFunds.execute({ caller: admin, userId: 'buyer', currency: 'USDT', amount: '100000', direction: 'deposit' });
  await useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '30000', size: '1' });
  clock.advance(61_000);
  await useCases.placeOrder.execute({ userId: 'buyer', productId: 'BTC-USDT', side: 'buy', type: 'limit', price: 30000, size: 0.25, clientOid: 'b-1' });
  clock.advance(3_600_000);
  await useCases.placeOrder.execute({ userId: 'buyer', productId: 'BTC-USDT', side: 'buy', type: 'market', funds: '3000.5' });
}

async function views(useCases: Awaited<ReturnType<typeof open>>['useCases']) {
  const { reads } = useCases;
  return {
    buyerOrders: await reads.orders({ userId: 'buyer', limit: 100 }),
    sellerOrders: await reads.orders({ userId: 'seller', limit: 100 }),
    fills: await reads.fills({ userId: 'buyer', limit: 100 }),
    transfers: await reads.transfers({ userId: 'seller', currency: 'BTC', limit: 100 }),
    trades: reads.trades('BTC-USDT', 100),
    ticker: reads.ticker('BTC-USDT'),
    candles: reads.candles('BTC-USDT', 60),
    hourly: reads.candles('BTC-USDT', 3600),
    book: reads.book('BTC-USDT'),
    balances: reads.accounts('buyer'),
  };
}

describe('ExchangePipeline', () => {
  it('lists BTC-USDT and ETH-USDT once, whatever the number of starts', async () => {
    const journal = new MemoryCommandJournal();
    const first = await open(journal);
    expect(first.useCases.reads.products().map((p) => p.id)).toEqual(['BTC-USDT', 'ETH-USDT']);
    await open(journal);
    expect(journal.lastSeq).toBe(2);
  });

  it('stamps orders, trades and candles with the sequencer’s time, not the wall clock', async () => {
    const { useCases, clock } = await open(new MemoryCommandJournal());
    await trade(useCases, clock);
    const [market, limit] = await useCases.reads.orders({ userId: 'buyer', limit: 10 });
    expect(limit.createdAt).toBe(START + 61_000);
    expect(market.createdAt).toBe(START + 61_000 + 3_600_000);
    expect(useCases.reads.candles('BTC-USDT', 60).map((row) => row[0])).toEqual(
      [(START + 3_661_000) / 1000 - 1, (START + 61_000) / 1000 - 1].map((s) => Math.floor(s / 60) * 60),
    );
    expect(useCases.reads.ticker('BTC-USDT')).toMatchObject({ price: '30000', open24h: '30000', volume24h: '0.35', time: START + 3_661_000 });
  });

  it('keeps a 24-hour ticker window in journal time', async () => {
    const { useCases, clock } = await open(new MemoryCommandJournal());
    await trade(useCases, clock);
    clock.advance(25 * 3_600_000);
    await useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '29000', size: '0.1' });
    await useCases.placeOrder.execute({ userId: 'buyer', productId: 'BTC-USDT', side: 'buy', type: 'market', funds: '2900' });
    // The trades of 25 hours ago have left the window: only the new one counts.
    expect(useCases.reads.ticker('BTC-USDT')).toMatchObject({ price: '29000', open24h: '29000', high24h: '29000', low24h: '29000', volume24h: '0.1' });
  });

  it('answers a retried clientOid with the same order, even after a restart, journaling nothing', async () => {
    const journal = new MemoryCommandJournal();
    const first = await open(journal);
    await trade(first.useCases, first.clock);
    const before = journal.lastSeq;
    const restarted = await open(journal);
    const again = await restarted.useCases.placeOrder.execute({
      userId: 'buyer',
      productId: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      price: '1',
      size: '1',
      clientOid: 'b-1',
    });
    expect(again).toMatchObject({ clientOid: 'b-1', price: '30000', size: '0.25', status: 'filled' });
    expect(journal.lastSeq).toBe(before);
  });

  it('rebuilds identical projections from the journal, and never double-counts into a store that kept them', async () => {
    const journal = new MemoryCommandJournal();
    const first = await open(journal);
    await trade(first.useCases, first.clock);
    const original = await views(first.useCases);
    expect(original.fills).toHaveLength(2);
    expect(await views((await open(journal)).useCases)).toEqual(original);
    expect(await views((await open(journal, first.history)).useCases)).toEqual(original);
  });

  it('pushes book changes, trades, tickers, orders and funds in sequence, each to its audience', async () => {
    const { pipeline, useCases } = await open(new MemoryCommandJournal());
    const pushed: FeedMessage[] = [];
    pipeline.subscribe((message) => pushed.push(message));
    await useCases.transferFunds.execute({ caller: admin, userId: 'seller', currency: 'BTC', amount: '1', direction: 'deposit' });
    await useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '30000.10', size: '0.5' });
    expect(pushed.map((m) => m.channel)).toEqual(['funds', 'funds', 'level2', 'order']);
    expect(pushed[2]).toMatchObject({ channel: 'level2', productId: 'BTC-USDT', changes: [['sell', '30000.1', '0.5']] });
    expect(pushed[1]).toMatchObject({ channel: 'funds', userId: 'seller', funds: { currency: 'BTC', available: '0.5', hold: '0.5' } });
  });

  it('refuses bad orders before journaling and rejected ones with the engine’s reason, changing nothing', async () => {
    const journal = new MemoryCommandJournal();
    const { useCases } = await open(journal);
    const bad = [
      { productId: 'NOPE', price: '1', size: '1' },
      { productId: 'BTC-USDT', price: '1.001', size: '1' },
      { productId: 'BTC-USDT', price: '1', size: '0.00001' },
    ];
    for (const order of bad)
      await expect(useCases.placeOrder.execute({ userId: 'u', side: 'buy', type: 'limit', ...order })).rejects.toMatchObject({ status: 400 });
    expect(journal.lastSeq).toBe(2);
    await expect(useCases.placeOrder.execute({ userId: 'u', productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '1', size: '1' })).rejects.toMatchObject({
      status: 422,
      code: 'insufficient_funds',
    });
    expect(useCases.reads.accounts('u').every((b) => b.available === '0' && b.hold === '0')).toBe(true);
    await expect(useCases.cancelOrder.execute({ userId: 'u', orderId: 12345 })).rejects.toMatchObject({ status: 404 });
  });
});

describe('ExchangePipeline snapshots', () => {
  /** Trading, then more trading: an order resting across the snapshot, fills on both sides of it. */
  async function tradeAcross(useCases: Awaited<ReturnType<typeof open>>['useCases'], clock: ManualClock) {
    await trade(useCases, clock);
    await useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '31000', size: '0.5', clientOid: 's-2' });
    clock.advance(120_000);
    await useCases.placeOrder.execute({ userId: 'buyer', productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '31000', size: '0.2' });
    await useCases.transferFunds.execute({ caller: admin, userId: 'seller', currency: 'BTC', amount: '0.1', direction: 'withdraw' });
  }

  it('start from the latest snapshot plus the journal after it, with the same state hash and identical projections', async () => {
    const journal = new MemoryCommandJournal();
    const snapshots = new MemorySnapshotStore();
    // Taken every 4 commands, while the history writer may still hold changes: those are saved too.
    const first = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots, snapshotEvery: 4 });
    await tradeAcross(first.useCases, first.clock);
    await first.pipeline.readHistory();
    const original = await views(first.useCases);
    const hash = first.pipeline.queries.stateHash();
    expect(snapshots.count).toBeGreaterThan(0);

    const restarted = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots });
    const { snapshotSeq, replayed } = restarted.pipeline.recovery;
    expect(snapshotSeq).toBeGreaterThan(2);
    expect(replayed).toBe(journal.lastSeq - snapshotSeq);
    expect(restarted.pipeline.queries.stateHash()).toBe(hash);
    expect(await views(restarted.useCases)).toEqual(original);
    // The same as a full replay, and as a restart into a store that kept its rows.
    expect(await views((await open(journal)).useCases)).toEqual(original);
    expect(await views((await open(journal, first.history, new ManualClock(START), { snapshots })).useCases)).toEqual(original);
    // Client order ids from before the snapshot are still recognised.
    const again = await restarted.useCases.placeOrder.execute({
      userId: 'buyer',
      productId: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      price: '1',
      size: '1',
      clientOid: 'b-1',
    });
    expect(again).toMatchObject({ clientOid: 'b-1', status: 'filled' });
  });

  it('go on from a snapshot start: the next snapshot and restart agree with a full replay', async () => {
    const journal = new MemoryCommandJournal();
    const snapshots = new MemorySnapshotStore();
    const first = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots, snapshotEvery: 0 });
    await trade(first.useCases, first.clock);
    await first.pipeline.snapshotNow();
    const second = await open(journal, new MemoryOrderHistory(), new ManualClock(START + 10_000_000), { snapshots, snapshotEvery: 0 });
    await tradeAcross(second.useCases, second.clock);
    await second.pipeline.snapshotNow();
    await second.useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '32000', size: '0.1' });
    const third = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots });
    expect(third.pipeline.recovery.replayed).toBe(1);
    expect(await views(third.useCases)).toEqual(await views((await open(journal)).useCases));
    expect(third.pipeline.queries.stateHash()).toBe(second.pipeline.queries.stateHash());
  });

  it('start from a snapshot into a store that keeps its own rows, and replay everything into one that lost them', async () => {
    /** A store that keeps its rows itself, as MySQL does: nothing of it goes into a snapshot. */
    const durable = (inner = new MemoryOrderHistory()): OrderHistoryStore => ({
      lastSeq: () => inner.lastSeq(),
      apply: (changes) => inner.apply(changes),
      order: (id) => inner.order(id),
      orders: (query) => inner.orders(query),
      fills: (query) => inner.fills(query),
      transfers: (query) => inner.transfers(query),
    });
    const journal = new MemoryCommandJournal();
    const snapshots = new MemorySnapshotStore();
    const kept = durable();
    const first = await open(journal, kept, new ManualClock(START), { snapshots, snapshotEvery: 0 });
    await tradeAcross(first.useCases, first.clock);
    await first.pipeline.snapshotNow();
    await first.useCases.placeOrder.execute({ userId: 'seller', productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '33000', size: '0.1' });
    await first.pipeline.readHistory();
    const original = await views(first.useCases);

    const withKept = await open(journal, kept, new ManualClock(START), { snapshots });
    expect(withKept.pipeline.recovery.replayed).toBe(1);
    expect(await views(withKept.useCases)).toEqual(original);

    const errors: unknown[] = [];
    const withLost = await open(journal, durable(), new ManualClock(START), { snapshots, onError: (error) => errors.push(error) });
    expect(String(errors[0])).toMatch(/history store ends at change 0, before change \d+ that the snapshot counts on\); replaying the whole journal/);
    expect(withLost.pipeline.recovery).toEqual({ snapshotSeq: 0, replayed: journal.lastSeq });
    expect(await views(withLost.useCases)).toEqual(original);
  });

  it('fall back to a full replay, reported, when the snapshot is damaged or carries no projections; the journal is untouched', async () => {
    const journal = new MemoryCommandJournal();
    const dir = await mkdtemp(join(tmpdir(), 'exchange-snapshots-'));
    try {
      const corrupt: string[] = [];
      const files = new FileSnapshotStore({ dir, onCorrupt: (path) => corrupt.push(path) });
      const first = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots: files, snapshotEvery: 0 });
      await tradeAcross(first.useCases, first.clock);
      await first.pipeline.snapshotNow();
      const original = await views(first.useCases);
      const lastSeq = journal.lastSeq;

      // Damaged on disk: skipped, reported, and the start replays everything.
      const [name] = await readdir(dir);
      await writeFile(join(dir, name), 'not a snapshot');
      const afterDamage = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots: files });
      expect(corrupt).toEqual([join(dir, name)]);
      expect(afterDamage.pipeline.recovery).toEqual({ snapshotSeq: 0, replayed: lastSeq });
      expect(await views(afterDamage.useCases)).toEqual(original);

      // Intact but without projections (an engine-only snapshot): reported, and the same.
      const bare = new MemorySnapshotStore();
      const engine = new ExchangeEngine();
      for await (const batch of journal.read(1)) engine.replay(batch);
      await bare.save(engine.snapshot());
      const errors: unknown[] = [];
      const afterBare = await open(journal, new MemoryOrderHistory(), new ManualClock(START), { snapshots: bare, onError: (error) => errors.push(error) });
      expect(String(errors[0])).toMatch(/snapshot \d+ cannot serve this start \(it carries no projections\); replaying the whole journal/);
      expect(afterBare.pipeline.recovery.snapshotSeq).toBe(0);
      expect(await views(afterBare.useCases)).toEqual(original);
      expect(journal.lastSeq).toBe(lastSeq);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
