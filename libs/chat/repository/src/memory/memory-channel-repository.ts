import type { ChannelMember, ChannelRepository, ChannelSnapshot, ChannelSummary } from '@mosaic/chat-domain';

interface StoredChannel {
  id: string;
  name: string;
  ownerId: string;
  createdAt: Date;
  members: ChannelMember[];
}

/** Channels in process memory. */
export class MemoryChannelRepository implements ChannelRepository {
  private readonly channels = new Map<string, StoredChannel>();

  async create(channel: ChannelSnapshot): Promise<void> {
    this.channels.set(channel.id, { ...channel, members: [...channel.members] });
  }

  async get(channelId: string): Promise<ChannelSnapshot | null> {
    const channel = this.channels.get(channelId);
    return channel ? { ...channel, members: [...channel.members] } : null;
  }

  async addMember(channelId: string, member: ChannelMember): Promise<boolean> {
    const channel = this.channels.get(channelId);
    if (!channel || channel.members.some((m) => m.userId === member.userId)) return false;
    channel.members.push(member);
    return true;
  }

  async removeMember(channelId: string, userId: string, ownerChange?: { from: string; to: string }): Promise<boolean> {
    const channel = this.channels.get(channelId);
    const index = channel ? channel.members.findIndex((m) => m.userId === userId) : -1;
    if (!channel || index < 0) return false;
    channel.members.splice(index, 1);
    if (ownerChange && channel.ownerId === ownerChange.from) channel.ownerId = ownerChange.to;
    if (channel.members.length === 0) this.channels.delete(channelId);
    return true;
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    return this.channels.get(channelId)?.members.some((m) => m.userId === userId) ?? false;
  }

  async memberIds(channelId: string): Promise<string[]> {
    return this.channels.get(channelId)?.members.map((m) => m.userId) ?? [];
  }

  async channelsOf(userId: string): Promise<ChannelSummary[]> {
    return [...this.channels.values()]
      .filter((channel) => channel.members.some((m) => m.userId === userId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((channel) => ({ id: channel.id, name: channel.name, ownerId: channel.ownerId, createdAt: channel.createdAt, memberCount: channel.members.length }));
  }
}
