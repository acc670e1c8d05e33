import type { ChannelMember, ChannelSnapshot } from '../channel/channel';

export interface ChannelSummary {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly createdAt: Date;
  readonly memberCount: number;
}

/**
 * Channels and their members. Writes are single guarded statements so concurrent
 * joins and leaves never lose one another.
 */
export interface ChannelRepository {
  create(channel: ChannelSnapshot): Promise<void>;
  get(channelId: string): Promise<ChannelSnapshot | null>;
  /** Adds a member; false when already there or the channel is gone. */
  addMember(channelId: string, member: ChannelMember): Promise<boolean>;
  /**
   * Removes a member and, when given, moves ownership from `ownerFrom` to `ownerTo`
   * (only while the owner is still `ownerFrom`); deletes the channel when it has no
   * members left. False when the user was not a member.
   */
  removeMember(channelId: string, userId: string, ownerChange?: { from: string; to: string }): Promise<boolean>;
  isMember(channelId: string, userId: string): Promise<boolean>;
  memberIds(channelId: string): Promise<string[]>;
  /** Channels the user belongs to, oldest first. */
  channelsOf(userId: string): Promise<ChannelSummary[]>;
}
