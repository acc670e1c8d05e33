import { invalidChannelName, notAMember } from '../errors/chat-errors';
import { VersionedAggregate } from '@mosaic/kit-core';
import type { ChatDomainEvent } from '../events/chat-events';

export const MAX_CHANNEL_NAME_LENGTH = 80;

export interface ChannelMember {
  readonly userId: string;
  readonly joinedAt: Date;
}

export interface ChannelSnapshot {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly createdAt: Date;
  /** Oldest member first. */
  readonly members: readonly ChannelMember[];
}

/**
 * A channel: a name, an owner and members (the owner among them). The owner who leaves
 * hands the channel to the longest-standing member; the last member leaving ends it.
 */
export class Channel extends VersionedAggregate<ChatDomainEvent> {
  private readonly memberList: ChannelMember[];

  private constructor(snapshot: ChannelSnapshot) {
    // Membership rows change one by one, not as a versioned whole: the version stays 0.
    super({ version: 0, ownerId: snapshot.ownerId });
    this.memberList = [...snapshot.members];
    this.id = snapshot.id;
    this.name = snapshot.name;
    this.createdAt = snapshot.createdAt;
  }

  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;

  static create(input: { id: string; name: string; ownerId: string; now: Date }): Channel {
    const channel = new Channel({
      id: input.id,
      name: channelName(input.name),
      ownerId: input.ownerId,
      createdAt: input.now,
      members: [{ userId: input.ownerId, joinedAt: input.now }],
    });
    channel.record({ type: 'channel.created', channelId: input.id, ownerId: input.ownerId, at: input.now });
    return channel;
  }

  static restore(snapshot: ChannelSnapshot): Channel {
    return new Channel(snapshot);
  }

  get members(): readonly ChannelMember[] {
    return this.memberList;
  }

  get isEmpty(): boolean {
    return this.memberList.length === 0;
  }

  has(userId: string): boolean {
    return this.memberList.some((member) => member.userId === userId);
  }

  /** Joining twice changes nothing; returns whether the user is new here. */
  join(userId: string, now: Date): boolean {
    if (this.has(userId)) return false;
    this.memberList.push({ userId, joinedAt: now });
    this.record({ type: 'channel.joined', channelId: this.id, userId, at: now });
    return true;
  }

  leave(userId: string, now: Date): void {
    const index = this.memberList.findIndex((member) => member.userId === userId);
    if (index < 0) throw notAMember();
    this.memberList.splice(index, 1);
    let newOwnerId: string | null = null;
    if (this.isOwnedBy(userId) && this.memberList.length > 0) {
      newOwnerId = (this.memberList[0] as ChannelMember).userId;
      this.changeOwner(newOwnerId);
    }
    this.record({ type: 'channel.left', channelId: this.id, userId, newOwnerId, at: now });
  }

  snapshot(): ChannelSnapshot {
    return { id: this.id, name: this.name, ownerId: this.ownerId, createdAt: this.createdAt, members: [...this.memberList] };
  }
}

export function channelName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw invalidChannelName('A channel needs a name');
  if (name.length > MAX_CHANNEL_NAME_LENGTH) throw invalidChannelName(`A channel name is at most ${MAX_CHANNEL_NAME_LENGTH} characters`);
  return name;
}
