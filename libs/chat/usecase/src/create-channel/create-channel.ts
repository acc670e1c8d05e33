import { Channel, type ChannelSnapshot } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';

/** A new channel, owned by its creator, who is its first member. */
export class CreateChannel {
  constructor(private readonly deps: Pick<ChatDeps, 'channels' | 'clock' | 'ids'>) {}

  async execute(command: { userId: string; name: string }): Promise<ChannelSnapshot> {
    const channel = Channel.create({ id: this.deps.ids.next(), name: command.name, ownerId: command.userId, now: this.deps.clock.now() });
    await this.deps.channels.create(channel.snapshot());
    channel.pullEvents();
    return channel.snapshot();
  }
}
