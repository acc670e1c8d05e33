import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import type { JournalRecord, SharedCommandJournal } from '@mosaic/exchange-domain';
import type { Resource } from '@mosaic/kit-core';
import { decodeKafkaRecord, encodeKafkaRecord } from './kafka-record';

export interface KafkaJournalOptions {
  brokers: readonly string[];
  /** One topic per engine, with a single partition: the order of the log is the order of the partition. */
  topic: string;
  clientId?: string;
  /** The writer role's transactional id; every instance of one engine must share it (default `<topic>.sequencer`). */
  transactionalId?: string;
  /** Records before this sequence are not kept (the instance starts from a snapshot taken at `fromSeq - 1`). */
  fromSeq?: number;
  /** Most records one transaction carries (group commit). */
  maxBatch?: number;
  /** How long the broker keeps a silent writer's transaction open before aborting it. */
  transactionTimeoutMs?: number;
}

/** The writer lost its role: another instance took it over and the broker refused this one's epoch. */
export class JournalFencedError extends Error {
  constructor(cause: unknown) {
    super(`this journal writer was fenced by a newer one: ${(cause as Error).message}`, { cause });
    this.name = 'JournalFencedError';
  }
}

interface PendingAppend {
  record: JournalRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The command journal on a Kafka topic. Every instance follows the partition with
 * read_committed isolation and keeps the records in memory (`read` serves them from
 * there). The writer appends through a transactional producer whose transactional id
 * is the same for every instance: taking the role (`becomeWriter`) bumps the
 * producer epoch at the transaction coordinator, aborts the previous writer's open
 * transaction and makes its every later send or commit fail, so a paused or cut-off
 * leader can never append again. Appends are grouped: one transaction carries every
 * record that queued while the previous one committed, and each is acknowledged
 * once its transaction committed with acks=all.
 */
export class KafkaCommandJournal implements SharedCommandJournal, Resource {
  readonly name = 'exchange-kafka-journal';
  private readonly records: JournalRecord[] = [];
  private readonly firstSeq: number;
  private readonly listeners = new Set<(record: JournalRecord) => void>();
  /** The next partition offset the follower will read (transaction markers included). */
  private position = 0;
  private readonly positionWaiters: { offset: number; resolve: () => void }[] = [];
  private producer: Producer | undefined;
  private role: 'follower' | 'writer' | 'failed' | 'closed' = 'follower';
  private failure: Error | undefined;
  private appendedSeq = 0;
  private readonly pending: PendingAppend[] = [];
  private flushing = false;
  private readonly kafka: Kafka;

  private constructor(
    private readonly options: KafkaJournalOptions,
    private readonly admin: Admin,
    private readonly consumer: Consumer,
    kafka: Kafka,
  ) {
    this.firstSeq = Math.max(1, options.fromSeq ?? 1);
    this.kafka = kafka;
  }

  /** Follows the topic (creating it when missing) and reads to its current end; appends need `becomeWriter` first. */
  static async follow(options: KafkaJournalOptions): Promise<KafkaCommandJournal> {
    const kafka = new Kafka({
      clientId: options.clientId ?? 'exchange-journal',
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 8 },
    });
    const admin = kafka.admin();
    const consumer = kafka.consumer({
      groupId: `${options.topic}.follower.${randomUUID()}`,
      readUncommitted: false,
      maxWaitTimeInMs: 20,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    const journal = new KafkaCommandJournal(options, admin, consumer, kafka);
    try {
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: options.topic, numPartitions: 1 }] });
      await journal.startFollowing();
      await journal.readToEnd();
    } catch (error) {
      await journal.close();
      throw error;
    }
    return journal;
  }

  /** Follows the topic and takes the writer role at once (a single instance, or a test). */
  static async open(options: KafkaJournalOptions): Promise<KafkaCommandJournal> {
    const journal = await KafkaCommandJournal.follow(options);
    try {
      await journal.becomeWriter();
    } catch (error) {
      await journal.close();
      throw error;
    }
    return journal;
  }

  get lastSeq(): number {
    return this.records.length === 0 ? this.firstSeq - 1 : this.records[this.records.length - 1].seq;
  }

  get writable(): boolean {
    return this.role === 'writer';
  }

  /** Unready once writes failed or this writer was fenced: such an instance must restart to rejoin as a standby. */
  async check(): Promise<void> {
    if (this.role === 'failed') throw this.failure;
  }

  follow(listener: (record: JournalRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async becomeWriter(): Promise<void> {
    if (this.role !== 'follower') throw new Error(`the journal cannot become the writer while ${this.role}`);
    const producer = this.kafka.producer({
      transactionalId: this.options.transactionalId ?? `${this.options.topic}.sequencer`,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.options.transactionTimeoutMs ?? 30_000,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer = producer;
    await producer.connect();
    // The first transaction initialises the producer id under the transactional id:
    // the coordinator aborts the previous writer's open transaction and bumps the epoch.
    await (await producer.transaction()).abort();
    await this.readToEnd();
    this.appendedSeq = this.lastSeq;
    this.role = 'writer';
  }

  append(record: JournalRecord): Promise<void> {
    if (this.role !== 'writer') {
      return Promise.reject(this.failure ?? new Error(this.role === 'follower' ? 'this journal instance is not the writer' : `the journal is ${this.role}`));
    }
    if (record.seq !== this.appendedSeq + 1) {
      return Promise.reject(new Error(`journal append out of sequence: expected ${this.appendedSeq + 1}, got ${record.seq}`));
    }
    this.appendedSeq = record.seq;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  async *read(fromSeq: number, toSeq?: number): AsyncIterable<readonly JournalRecord[]> {
    const last = Math.min(toSeq ?? this.lastSeq, this.lastSeq);
    for (let start = Math.max(this.firstSeq, fromSeq); start <= last; start += 4096) {
      yield this.records.slice(start - this.firstSeq, Math.min(last, start + 4095) - this.firstSeq + 1);
    }
  }

  async close(): Promise<void> {
    if (this.role === 'closed') return;
    this.role = 'closed';
    this.failPending(new Error('the journal is closed'));
    await Promise.allSettled([this.consumer.disconnect(), this.producer?.disconnect(), this.admin.disconnect()]);
  }

  /** Commits queued appends, one transaction at a time, each carrying everything queued meanwhile. */
  private async flush(): Promise<void> {
    const producer = this.producer;
    if (producer === undefined) return;
    this.flushing = true;
    let batch: PendingAppend[] = [];
    try {
      while (this.pending.length > 0 && this.role === 'writer') {
        batch = this.pending.splice(0, this.options.maxBatch ?? 2_000);
        const transaction = await producer.transaction();
        await transaction.send({ topic: this.options.topic, acks: -1, messages: batch.map((p) => ({ partition: 0, value: encodeKafkaRecord(p.record) })) });
        await transaction.commit();
        for (const p of batch) {
          this.ingest(p.record, false);
          p.resolve();
        }
        batch = [];
      }
    } catch (error) {
      const failure = /epoch|fenced/i.test(String((error as Error).message)) ? new JournalFencedError(error) : (error as Error);
      for (const p of batch) p.reject(failure);
      this.fail(failure);
    } finally {
      this.flushing = false;
    }
  }

  /** A failed write leaves the outcome of its transaction to the next writer: refuse everything from here on. */
  private fail(error: Error): void {
    if (this.role === 'closed') return;
    this.role = 'failed';
    this.failure = error;
    this.failPending(error);
  }

  private failPending(error: Error): void {
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  private async startFollowing(): Promise<void> {
    const { consumer } = this;
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => this.advance(Number(event.payload.lastOffset) + 1));
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.value === null) continue;
          this.ingest(decodeKafkaRecord(message.value), true);
        }
      },
    });
    // A committed record with sequence s sits at offset ≥ s - 1 (one offset per earlier record at least).
    if (this.firstSeq > 1) consumer.seek({ topic: this.options.topic, partition: 0, offset: String(this.firstSeq - 1) });
  }

  /** Keeps a durable record once, in order; others hear of it when it came from another writer. */
  private ingest(record: JournalRecord, fromLog: boolean): void {
    const last = this.lastSeq;
    if (record.seq <= last) return;
    if (record.seq !== last + 1) {
      this.fail(new Error(`journal gap: after ${last} the log holds ${record.seq}`));
      return;
    }
    this.records.push(record);
    if (!fromLog || this.role === 'writer') return;
    for (const listener of this.listeners) listener(record);
  }

  private advance(offset: number): void {
    if (offset <= this.position) return;
    this.position = offset;
    for (let i = this.positionWaiters.length - 1; i >= 0; i--) {
      if (this.positionWaiters[i].offset <= offset) this.positionWaiters.splice(i, 1)[0].resolve();
    }
  }

  /** Waits until the follower has read every committed record the partition held when called. */
  private async readToEnd(): Promise<void> {
    const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
    const end = Number(offsets.find((o) => o.partition === 0)?.high ?? 0);
    if (end <= this.position) return;
    await new Promise<void>((resolve) => this.positionWaiters.push({ offset: end, resolve }));
  }
}
