import type { CommandJournal, JournalRecord } from '@mosaic/exchange-domain';

/** The journal in memory: durable the moment it is appended, for tests and ephemeral runs. */
export class MemoryCommandJournal implements CommandJournal {
  private readonly records: JournalRecord[] = [];
  private closed = false;

  constructor(initial: readonly JournalRecord[] = []) {
    for (const record of initial) void this.append(record);
  }

  get lastSeq(): number {
    return this.records.length;
  }

  append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    if (record.seq !== this.records.length + 1) {
      return Promise.reject(new Error(`journal append out of sequence: expected ${this.records.length + 1}, got ${record.seq}`));
    }
    this.records.push(record);
    return Promise.resolve();
  }

  async *read(fromSeq: number, toSeq?: number): AsyncIterable<readonly JournalRecord[]> {
    const end = Math.min(toSeq ?? this.records.length, this.records.length);
    for (let start = Math.max(1, fromSeq); start <= end; start += 4096) {
      yield this.records.slice(start - 1, Math.min(end, start + 4095));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
