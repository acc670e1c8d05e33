import type { CommandJournal } from '@mosaic/exchange-domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll, record, records } from './records';

export interface JournalHarness {
  open(): Promise<CommandJournal>;
  /** Closes and reopens the same journal, when the backend keeps data across opens. */
  reopen?: (journal: CommandJournal) => Promise<CommandJournal>;
  cleanup?: () => Promise<void>;
}

/** What every CommandJournal backend must do; run once per backend. */
export function describeCommandJournalContract(name: string, harness: () => JournalHarness): void {
  describe(`CommandJournal contract: ${name}`, () => {
    let h: JournalHarness;
    let journal: CommandJournal;
    beforeEach(async () => {
      h = harness();
      journal = await h.open();
    });
    afterEach(async () => {
      await journal.close();
      await h.cleanup?.();
    });

    it('starts empty', async () => {
      expect(journal.lastSeq).toBe(0);
      expect(await readAll(journal)).toEqual([]);
    });

    it('makes appended records durable in order and reads them back intact', async () => {
      const written = records(1, 50);
      await Promise.all(written.map((r) => journal.append(r)));
      expect(journal.lastSeq).toBe(50);
      expect(await readAll(journal)).toEqual(written);
    });

    it('reads a range, and nothing past the end', async () => {
      await Promise.all(records(1, 20).map((r) => journal.append(r)));
      expect((await readAll(journal, 5, 9)).map((r) => r.seq)).toEqual([5, 6, 7, 8, 9]);
      expect((await readAll(journal, 18)).map((r) => r.seq)).toEqual([18, 19, 20]);
      expect(await readAll(journal, 21)).toEqual([]);
    });

    it('reads many records in batches', async () => {
      await Promise.all(records(1, 10_000).map((r) => journal.append(r)));
      let batches = 0;
      let count = 0;
      for await (const batch of journal.read(1)) {
        batches += 1;
        count += batch.length;
      }
      expect(count).toBe(10_000);
      expect(batches).toBeGreaterThan(1);
    });

    it('scans, where it can, the same records as it reads, each handed over as a reused object', async () => {
      if (journal.scan === undefined) return;
      const written = records(1, 5_000);
      await Promise.all(written.map((r) => journal.append(r)));
      const seen: unknown[] = [];
      const objects = new Set<unknown>();
      const visited = await journal.scan(2, 4_990, (r) => {
        objects.add(r);
        // A copy without the fields the command lacks, as `read` returns it.
        seen.push({ ...r, command: Object.fromEntries(Object.entries(r.command).filter(([, v]) => v !== undefined)) });
      });
      expect(visited).toBe(4_989);
      expect(seen).toEqual(await readAll(journal, 2, 4_990));
      expect(objects.size).toBeLessThan(10);
      expect(await journal.scan(5_001, undefined, () => undefined)).toBe(0);
    });

    it('refuses an append out of sequence', async () => {
      await journal.append(record(1));
      await expect(journal.append(record(3))).rejects.toThrow(/out of sequence/);
      await expect(journal.append(record(1))).rejects.toThrow(/out of sequence/);
      await journal.append(record(2));
      expect(journal.lastSeq).toBe(2);
    });

    it('keeps what it acknowledged across a reopen', async () => {
      if (h.reopen === undefined) return;
      await Promise.all(records(1, 30).map((r) => journal.append(r)));
      journal = await h.reopen(journal);
      expect(journal.lastSeq).toBe(30);
      expect(await readAll(journal)).toEqual(records(1, 30));
      await journal.append(record(31));
      expect(journal.lastSeq).toBe(31);
    });
  });
}
