import { channelConversationId, notAMember } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { loadChannel } from '../shared/load-channel';

/** Leaves a channel; an owner who leaves hands it to the longest-standing member. */
export class LeaveChannel {
  constructor(private readonly deps: Pick<ChatDeps, 'channels' | 'clock' | 'bus'>) {}

  async execute(command: { userId: string; channelId: string }): Promise<void> {
    const channel = await loadChannel(this.deps, command.channelId);
    const formerOwner = channel.ownerId;
    channel.leave(command.userId, this.deps.clock.now());
    const ownerChange = channel.ownerId !== formerOwner ? { from: formerOwner, to: channel.ownerId } : undefined;
    if (!(await this.deps.channels.removeMember(channel.id, command.userId, ownerChange))) throw notAMember();
    for (const event of channel.pullEvents()) {
      if (event.type !== 'channel.left') continue;
      const recipients = [command.userId, ...channel.members.map((m) => m.userId)];
      await this.deps.bus.publish(channelConversationId(channel.id), {
        kind: 'notice',
        recipients,
        notice: 'channel_left',
        data: { channelId: channel.id, userId: command.userId, newOwnerId: event.newOwnerId },
      });
    }
  }
}
