import type { MemoryTopic } from './partition-log';

export interface PartitionAssignment {
  readonly topic: string;
  readonly partition: number;
  /** Where consumption starts: the committed position, or the group's reset position. */
  readonly from: number;
}

/** What the group needs from a consumer to move partitions between members. */
export interface GroupMember {
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  /** Stops work on every partition, letting in-flight handlers finish; resolves when they have. */
  revoke(): Promise<void>;
  assign(assignments: readonly PartitionAssignment[]): void;
}

/**
 * A consumer group as Kafka runs one, minus the network: committed positions per
 * partition, and an eager rebalance whenever membership changes. A rebalance first
 * takes every partition back (in-flight handlers finish and commit), then deals the
 * partitions out again, so no partition ever has two workers.
 */
export class MemoryGroup {
  private readonly members: GroupMember[] = [];
  private readonly committed = new Map<string, number>();
  private changes: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly topicNamed: (name: string) => MemoryTopic,
  ) {}

  join(member: GroupMember): Promise<void> {
    return this.serialised(async () => {
      this.members.push(member);
      await this.rebalance([]);
    });
  }

  leave(member: GroupMember): Promise<void> {
    return this.serialised(async () => {
      const index = this.members.indexOf(member);
      if (index >= 0) this.members.splice(index, 1);
      await this.rebalance([member]);
    });
  }

  /** Commits are cumulative and never move a partition's position backwards. */
  commit(topic: string, partition: number, nextOffset: number): void {
    const key = positionKey(topic, partition);
    if (nextOffset > (this.committed.get(key) ?? -1)) this.committed.set(key, nextOffset);
  }

  private async rebalance(leaving: readonly GroupMember[]): Promise<void> {
    await Promise.all([...leaving, ...this.members].map((member) => member.revoke()));
    const assignments = new Map<GroupMember, PartitionAssignment[]>(this.members.map((member) => [member, []]));
    for (const topicName of new Set(this.members.flatMap((member) => member.topics))) {
      const subscribers = this.members.filter((member) => member.topics.includes(topicName));
      const topic = this.topicNamed(topicName);
      topic.partitions.forEach((log, partition) => {
        const member = subscribers[partition % subscribers.length];
        assignments.get(member)?.push({ topic: topicName, partition, from: this.startOf(topicName, partition, log.end, member.fromBeginning) });
      });
    }
    for (const [member, assigned] of assignments) member.assign(assigned);
  }

  private startOf(topic: string, partition: number, end: number, fromBeginning: boolean): number {
    const key = positionKey(topic, partition);
    const committed = this.committed.get(key);
    if (committed !== undefined) return committed;
    // Pin the reset position, so a later rebalance does not skip what arrived meanwhile.
    const start = fromBeginning ? 0 : end;
    this.committed.set(key, start);
    return start;
  }

  private serialised(change: () => Promise<void>): Promise<void> {
    const next = this.changes.then(change);
    this.changes = next.catch(() => undefined);
    return next;
  }
}

function positionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
