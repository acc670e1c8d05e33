import type { EncodedMessage } from '../lib/message';

export interface StoredMessage extends EncodedMessage {
  readonly timestamp: number;
}

/** One partition: an append-only list whose readers can wait for the next message. */
export class PartitionLog {
  private readonly records: StoredMessage[] = [];
  private waiters: Array<() => void> = [];

  /** The offset the next message will get. */
  get end(): number {
    return this.records.length;
  }

  at(offset: number): StoredMessage | undefined {
    return this.records[offset];
  }

  append(record: StoredMessage): void {
    this.records.push(record);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once a message exists at `offset`, or when `signal` aborts. */
  waitFor(offset: number, signal: AbortSignal): Promise<void> {
    if (offset < this.records.length || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve();
      };
      this.waiters.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A topic's partitions and how keys map onto them. */
export class MemoryTopic {
  readonly partitions: readonly PartitionLog[];
  private nextUnkeyed = 0;

  constructor(
    readonly name: string,
    partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => new PartitionLog());
  }

  /** Same key, same partition, for the life of the topic; keyless messages are spread round-robin. */
  partitionFor(key: string | null): number {
    if (key === null) {
      const partition = this.nextUnkeyed;
      this.nextUnkeyed = (this.nextUnkeyed + 1) % this.partitions.length;
      return partition;
    }
    return fnv1a(key) % this.partitions.length;
  }
}

// 32-bit FNV-1a over the key's UTF-8 bytes: cheap, stable across runs, well spread.
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
