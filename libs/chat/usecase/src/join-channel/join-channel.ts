import { channelConversationId, channelNotFound, type ChannelSnapshot } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { loadChannel } from '../shared/load-channel';

/** Joins a channel; joining twice changes nothing. */
export class JoinChannel {
  constructor(private readonly deps: Pick<ChatDeps, 'channels' | 'clock' | 'bus'>) {}

  async execute(command: { userId: string; channelId: string }): Promise<ChannelSnapshot> {
    const channel = await loadChannel(this.deps, command.channelId);
    const now = this.deps.clock.now();
    if (channel.join(command.userId, now)) {
      const added = await this.deps.channels.addMember(channel.id, { userId: command.userId, joinedAt: now });
      if (added) {
        const recipients = channel.members.map((m) => m.userId);
        await this.deps.bus.publish(channelConversationId(channel.id), {
          kind: 'notice',
          recipients,
          notice: 'channel_joined',
          data: { channelId: channel.id, userId: command.userId },
        });
      }
    }
    channel.pullEvents();
    const stored = await this.deps.channels.get(channel.id);
    if (!stored) throw channelNotFound();
    return stored;
  }
}
