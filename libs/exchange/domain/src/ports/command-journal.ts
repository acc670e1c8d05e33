import type { JournalRecord } from '../commands/commands';

/** Reads the journal in order: the engine runner's catch-up and gap filling, replay, standbys. */
export interface JournalReader {
  /**
   * Durable records with `fromSeq ≤ seq ≤ toSeq` (to the end when `toSeq` is
   * omitted), in sequence order, in batches. Records appended after the call
   * started may or may not be included.
   */
  read(fromSeq: number, toSeq?: number): AsyncIterable<readonly JournalRecord[]>;
  /**
   * Replay's fast path, where a journal offers one: visits the same records as
   * `read`, in order, each as a transient object the next record overwrites (so
   * nothing is allocated per record). `visit` must not keep the record or its
   * command. Resolves with the number of records visited.
   */
  scan?(fromSeq: number, toSeq: number | undefined, visit: (record: JournalRecord) => void): Promise<number>;
}

/**
 * The sequenced command log: the source of truth the engine is rebuilt from.
 * Embedded default: append-only files; distributed: a Kafka topic. Exactly one
 * writer appends, in sequence order.
 */
export interface CommandJournal extends JournalReader {
  /** The highest durable sequence number, 0 when empty. */
  readonly lastSeq: number;
  /**
   * Appends the record with `seq` = last appended + 1. Resolves once the record is
   * durable (per the journal's durability policy), and records become durable in
   * sequence order. Rejects, and refuses further appends, if durability failed.
   */
  append(record: JournalRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * A journal shared by several instances (Kafka): each follows the log, and the one
 * that takes the writer role fences every earlier writer before it appends.
 */
export interface SharedCommandJournal extends CommandJournal {
  /** Whether this instance holds the writer role (and has not been fenced since). */
  readonly writable: boolean;
  /** Sees every record another writer made durable, in sequence order, once it is readable here; returns an unsubscribe function. */
  follow(listener: (record: JournalRecord) => void): () => void;
  /**
   * Takes the writer role: fences the previous writer (its next append fails), then
   * reads to the end of the durable log, so `lastSeq` is the log's last record.
   */
  becomeWriter(): Promise<void>;
}

export function isSharedJournal(journal: CommandJournal): journal is SharedCommandJournal {
  return typeof (journal as Partial<SharedCommandJournal>).becomeWriter === 'function';
}
