import type { CommandResult, ExchangeEngine, JournalReader, JournalRecord } from '@mosaic/exchange-domain';

/** A record arrived ahead of its predecessors: applying it would skip commands. */
export class JournalGapError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`journal gap: expected command ${expected}, received ${received}`);
    this.name = 'JournalGapError';
  }
}

/**
 * Feeds journal records to the engine strictly in order. A record already
 * applied is skipped (redelivery is harmless); a record beyond the next one is
 * a gap, which `follow` fills from the journal and `apply` refuses.
 */
export class EngineRunner {
  constructor(
    readonly engine: ExchangeEngine,
    private readonly reader?: JournalReader,
  ) {}

  get lastSeq(): number {
    return this.engine.lastSeq;
  }

  /** Applies the next record; undefined when it was applied before. Throws JournalGapError on a gap. */
  apply(record: JournalRecord): CommandResult | undefined {
    const expected = this.engine.lastSeq + 1;
    if (record.seq < expected) return undefined;
    if (record.seq > expected) throw new JournalGapError(expected, record.seq);
    return this.engine.apply(record);
  }

  /** Applies a record as a follower would: first whatever the journal holds between the last applied record and it. */
  async follow(record: JournalRecord): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    if (record.seq > this.engine.lastSeq + 1) {
      if (this.reader === undefined) throw new JournalGapError(this.engine.lastSeq + 1, record.seq);
      await this.catchUp(record.seq - 1, (result) => results.push(result));
      if (this.engine.lastSeq + 1 !== record.seq) throw new JournalGapError(this.engine.lastSeq + 1, record.seq);
    }
    const result = this.apply(record);
    if (result !== undefined) results.push(result);
    return results;
  }

  /** Applies every journal record after the last applied one (up to `toSeq`); returns how many were applied. */
  async catchUp(toSeq?: number, onResult?: (result: CommandResult) => void): Promise<number> {
    if (this.reader === undefined) throw new Error('this runner has no journal to catch up from');
    let applied = 0;
    for await (const batch of this.reader.read(this.engine.lastSeq + 1, toSeq)) {
      for (const record of batch) {
        const result = this.apply(record);
        if (result === undefined) continue;
        applied += 1;
        onResult?.(result);
      }
    }
    return applied;
  }
}
