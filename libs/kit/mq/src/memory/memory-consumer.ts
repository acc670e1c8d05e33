import { invalid } from '@mosaic/kit-core';
import type { ConsumerSettings } from '../lib/consumer-settings';
import { deliver, sleep } from '../lib/delivery';
import { mqClosed } from '../lib/errors';
import { receivedMessage } from '../lib/message';
import type { MessageConsumer, MessageHandler } from '../lib/ports';
import type { GroupMember, MemoryGroup, PartitionAssignment } from './memory-group';
import type { MemoryTopic, PartitionLog } from './partition-log';
import { Semaphore } from './semaphore';

// A backlog of synchronous handlers would otherwise run entirely in microtasks and
// starve timers and I/O of the whole process; yield to the event loop this often.
const YIELD_EVERY = 64;

type State = 'idle' | 'running' | 'closing' | 'closed';

/** What a partition worker shares with its consumer. */
interface WorkerContext {
  readonly settings: ConsumerSettings;
  readonly group: MemoryGroup;
  readonly permits: Semaphore;
  readonly closingSignal: AbortSignal;
  isClosed(): boolean;
}

export class MemoryConsumer implements MessageConsumer, GroupMember {
  private state: State = 'idle';
  private handler: MessageHandler | undefined;
  private readonly closing = new AbortController();
  private readonly workers = new Set<PartitionWorker>();
  private readonly workerContext: WorkerContext;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly settings: ConsumerSettings,
    private readonly group: MemoryGroup,
    private readonly topicNamed: (name: string) => MemoryTopic,
    private readonly onClosed: (consumer: MemoryConsumer) => void,
  ) {
    this.workerContext = {
      settings,
      group,
      permits: new Semaphore(settings.concurrency),
      closingSignal: this.closing.signal,
      isClosed: () => this.state === 'closed',
    };
  }

  get topics(): readonly string[] {
    return this.settings.topics;
  }

  get fromBeginning(): boolean {
    return this.settings.fromBeginning;
  }

  async run(handler: MessageHandler): Promise<void> {
    if (typeof handler !== 'function') throw invalid('mq_invalid_handler', 'run() needs a handler function');
    if (this.state === 'closing' || this.state === 'closed') throw mqClosed(`consumer of group ${this.settings.group}`);
    if (this.state !== 'idle') throw invalid('mq_consumer_running', `consumer of group ${this.settings.group} is already running`);
    this.state = 'running';
    this.handler = handler;
    for (const topic of this.settings.topics) this.topicNamed(topic);
    await this.group.join(this);
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    const joined = this.state === 'running';
    this.state = 'closing';
    this.closing.abort();
    if (joined) await this.group.leave(this);
    this.state = 'closed';
    this.onClosed(this);
  }

  async revoke(): Promise<void> {
    const workers = [...this.workers];
    this.workers.clear();
    for (const worker of workers) worker.stop();
    await Promise.all(workers.map((worker) => worker.done));
  }

  assign(assignments: readonly PartitionAssignment[]): void {
    const handler = this.handler;
    if (!handler) return;
    for (const { topic, partition, from } of assignments) {
      const log = this.topicNamed(topic).partitions[partition];
      this.workers.add(new PartitionWorker(topic, partition, log, from, handler, this.workerContext));
    }
  }
}

/** Consumes one partition in order until its consumer closes or the partition is revoked. */
class PartitionWorker {
  readonly done: Promise<void>;
  private readonly revoked = new AbortController();
  private readonly signal: AbortSignal;

  constructor(
    private readonly topic: string,
    private readonly partition: number,
    private readonly log: PartitionLog,
    private position: number,
    private readonly handler: MessageHandler,
    private readonly context: WorkerContext,
  ) {
    this.signal = AbortSignal.any([this.revoked.signal, context.closingSignal]);
    this.done = this.loop();
  }

  stop(): void {
    this.revoked.abort();
  }

  private async loop(): Promise<void> {
    const { settings, group, permits } = this.context;
    let sinceYield = 0;
    while (!this.signal.aborted) {
      const record = this.log.at(this.position);
      if (!record) {
        await this.log.waitFor(this.position, this.signal);
        continue;
      }
      await permits.acquire();
      try {
        if (this.signal.aborted) break;
        const offset = this.position;
        const message = receivedMessage({
          topic: this.topic,
          partition: this.partition,
          offset: String(offset),
          key: record.key,
          value: Buffer.from(record.value),
          headers: { ...record.headers },
          timestamp: record.timestamp,
        });
        const handled = await deliver(this.handler, message, settings, {
          stopped: () => this.signal.aborted,
          pause: (ms) => sleep(ms, this.signal),
          commit: async () => this.commit(offset + 1),
          onFirstFailure: async () => undefined,
        });
        if (!handled) break;
        if (settings.commit === 'after-handler') group.commit(this.topic, this.partition, offset + 1);
        this.position = offset + 1;
      } finally {
        permits.release();
      }
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  private commit(nextOffset: number): void {
    // Like Kafka, a consumer that has left its group can no longer commit for it.
    if (this.context.isClosed()) throw mqClosed(`consumer of group ${this.context.settings.group}`);
    this.context.group.commit(this.topic, this.partition, nextOffset);
  }
}
