import { describeWithBackend, uniqueName } from '@mosaic/kit-testing';
import { afterEach, expect, it } from 'vitest';
import { describeCommandJournalContract } from '../test-support/command-journal-contract';
import { readAll, record, records } from '../test-support/records';
import { JournalFencedError, KafkaCommandJournal } from './kafka-command-journal';

describeWithBackend('kafka', 'KafkaCommandJournal', (backend) => {
  const options = (topic: string) => ({ brokers: backend.url().split(','), topic });

  describeCommandJournalContract('kafka', () => {
    const topic = uniqueName('exchange-journal');
    return {
      open: () => KafkaCommandJournal.open(options(topic)),
      reopen: async (journal) => {
        await journal.close();
        return KafkaCommandJournal.open(options(topic));
      },
    };
  });

  const opened: KafkaCommandJournal[] = [];
  const track = (journal: KafkaCommandJournal) => {
    opened.push(journal);
    return journal;
  };
  afterEach(async () => {
    for (const journal of opened.splice(0)) await journal.close();
  });

  it('fences the old writer once another takes the role: its appends fail and never reach the log', async () => {
    const topic = uniqueName('exchange-fence');
    const old = track(await KafkaCommandJournal.open(options(topic)));
    await Promise.all(records(1, 10).map((r) => old.append(r)));
    const successor = track(await KafkaCommandJournal.follow(options(topic)));
    await successor.becomeWriter();
    expect(successor.lastSeq).toBe(10);

    await expect(old.append(record(11))).rejects.toBeInstanceOf(JournalFencedError);
    await expect(old.append(record(12))).rejects.toThrow(/fenced/);
    expect(old.writable).toBe(false);
    await successor.append({ ...record(11), time: 42 });

    const reader = track(await KafkaCommandJournal.follow(options(topic)));
    const log = await readAll(reader);
    expect(log.map((r) => r.seq)).toEqual(records(1, 11).map((r) => r.seq));
    expect(log[10].time).toBe(42);
  });

  it('lets a follower see another writer’s records in order, and starts from a later sequence when asked', async () => {
    const topic = uniqueName('exchange-follow');
    const writer = track(await KafkaCommandJournal.open(options(topic)));
    await Promise.all(records(1, 5).map((r) => writer.append(r)));
    const follower = track(await KafkaCommandJournal.follow(options(topic)));
    const seen: number[] = [];
    const arrived = new Promise<void>((resolve) =>
      follower.follow((r) => {
        seen.push(r.seq);
        if (r.seq === 8) resolve();
      }),
    );
    await Promise.all(records(6, 8).map((r) => writer.append(r)));
    await arrived;
    expect(seen).toEqual([6, 7, 8]);
    expect(await readAll(follower)).toEqual(records(1, 8));

    const late = track(await KafkaCommandJournal.follow({ ...options(topic), fromSeq: 4 }));
    expect(late.lastSeq).toBe(8);
    expect(await readAll(late)).toEqual(records(4, 8));
  });
});
