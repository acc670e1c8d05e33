import type { ExchangeCommand, JournalRecord } from '@mosaic/exchange-domain';

/** A recognisable record for seq n. */
export function record(seq: number): JournalRecord {
  const command: ExchangeCommand =
    seq % 3 === 0
      ? { type: 'deposit', userId: `user-${seq % 7}`, currency: 'USDT', amount: BigInt(seq) * 1_000_000_000_000n, ref: `ref-${seq}` }
      : {
          type: 'place_order',
          userId: `user-${seq % 7}`,
          productId: 'BTC-USDT',
          side: seq % 2 === 0 ? 'buy' : 'sell',
          orderType: 'limit',
          price: 6_000_000 + seq,
          size: 1 + (seq % 50),
          timeInForce: 'GTC',
        };
  return { seq, time: 1_767_225_600_000 + seq, command };
}

export function records(from: number, to: number): JournalRecord[] {
  return Array.from({ length: to - from + 1 }, (_, i) => record(from + i));
}

export async function readAll(
  journal: { read(from: number, to?: number): AsyncIterable<readonly JournalRecord[]> },
  from = 1,
  to?: number,
): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const batch of journal.read(from, to)) out.push(...batch);
  return out;
}
