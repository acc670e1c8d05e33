import { ExchangeEngine, type CommandResult, type JournalReader, type JournalRecord, type SnapshotStore } from '@mosaic/exchange-domain';
import { EngineRunner } from './engine-runner';

export interface RecoverOptions {
  journal: JournalReader & { readonly lastSeq: number };
  snapshots?: SnapshotStore;
  /** Sees the last `rememberLast` journal records (a sequencer primes its deduplication from them); must not keep the record object, which may be reused. */
  remember?: (record: JournalRecord) => void;
  rememberLast?: number;
  /** Sees the result of every record replayed (projections rebuild from them). */
  onResult?: (result: CommandResult) => void;
}

export interface Recovered {
  engine: ExchangeEngine;
  /** Sequence of the snapshot recovery started from (0 when none). */
  snapshotSeq: number;
  /** Journal records replayed on top of the snapshot. */
  replayed: number;
}

/**
 * Restart = latest snapshot + the journal after it. The snapshot is audited
 * before use, and the journal must reach exactly its own end: a snapshot newer
 * than the journal, or a hole in the journal, stops the start-up loudly rather
 * than serving a state that never existed.
 */
export async function recoverEngine(options: RecoverOptions): Promise<Recovered> {
  const { journal } = options;
  const snapshot = await options.snapshots?.latest();
  const engine = snapshot === undefined ? new ExchangeEngine() : ExchangeEngine.restore(snapshot);
  if (snapshot !== undefined) {
    const problems = engine.audit();
    if (problems.length > 0) throw new Error(`snapshot ${snapshot.seq} is inconsistent: ${problems.slice(0, 5).join('; ')}`);
    if (snapshot.seq > journal.lastSeq) {
      throw new Error(`snapshot ${snapshot.seq} is ahead of the journal, which ends at ${journal.lastSeq}: the journal lost records`);
    }
  }

  const runner = new EngineRunner(engine);
  const rememberFrom = options.remember === undefined ? Infinity : Math.max(1, journal.lastSeq - (options.rememberLast ?? 0) + 1);
  const from = Math.min(engine.lastSeq + 1, rememberFrom);
  let replayed = 0;
  if (from <= journal.lastSeq && options.onResult === undefined && journal.scan !== undefined) {
    // Nobody reads the results: the engine replays for state alone, from records the journal decodes in place.
    const { remember } = options;
    const lastSeq = engine.lastSeq;
    await journal.scan(from, journal.lastSeq, (record) => {
      if (remember !== undefined && record.seq >= rememberFrom) remember(record);
      if (record.seq > lastSeq) engine.replayOne(record);
    });
    replayed = engine.lastSeq - lastSeq;
  } else if (from <= journal.lastSeq) {
    const onResult = options.onResult;
    for await (const batch of journal.read(from, journal.lastSeq)) {
      if (batch.length === 0) continue;
      if (options.remember !== undefined) for (const record of batch) if (record.seq >= rememberFrom) options.remember(record);
      if (onResult === undefined) {
        // Nobody reads the results: the engine replays for state alone, building none.
        const fresh = batch[0].seq > engine.lastSeq ? batch : batch.filter((record) => record.seq > engine.lastSeq);
        engine.replay(fresh);
        replayed += fresh.length;
        continue;
      }
      for (const record of batch) {
        const result = runner.apply(record);
        if (result === undefined) continue;
        replayed += 1;
        onResult(result);
      }
    }
  }
  if (engine.lastSeq !== journal.lastSeq) {
    throw new Error(`recovery reached command ${engine.lastSeq} but the journal ends at ${journal.lastSeq}`);
  }
  return { engine, snapshotSeq: snapshot?.seq ?? 0, replayed };
}
