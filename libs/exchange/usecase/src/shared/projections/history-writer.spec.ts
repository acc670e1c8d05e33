import type { HistoryChange, OrderHistoryStore } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';
import { HistoryWriter } from './history-writer';

const change = (seq: number): HistoryChange => ({ seq, orders: [], fills: [], transfers: [] });

/** A store with a watermark, as the port describes, that refuses the batches holding `refuse`. */
function watermarkStore(refuse: number) {
  let watermark = 0;
  const store: Pick<OrderHistoryStore, 'lastSeq' | 'apply'> = {
    lastSeq: async () => watermark,
    apply: async (changes) => {
      if (changes.some((c) => c.seq === refuse)) throw new Error('the store is down');
      for (const c of changes) if (c.seq > watermark) watermark = c.seq;
    },
  };
  return store as OrderHistoryStore;
}

async function afterRefusal(halt: boolean) {
  const store = watermarkStore(2);
  const writer = new HistoryWriter(store, () => undefined, halt);
  writer.push(change(1));
  await writer.caughtUp();
  writer.push(change(2));
  await writer.caughtUp().catch(() => undefined);
  writer.push(change(3));
  const later = await writer.caughtUp().then(
    () => 'caught up',
    () => 'failing',
  );
  return { later, watermark: await store.lastSeq(), healthy: writer.healthy };
}

describe('HistoryWriter after the store refused a batch', () => {
  it('halting (the projector): writes nothing more, so the watermark stays before the hole for a restart to fill, and keeps failing', async () => {
    expect(await afterRefusal(true)).toEqual({ later: 'failing', watermark: 1, healthy: false });
  });

  it('not halting (the exchange): goes on writing so its answers continue, and reports the hole', async () => {
    expect(await afterRefusal(false)).toEqual({ later: 'caught up', watermark: 3, healthy: false });
  });
});
