import { notAMember, type ChannelSnapshot } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { loadChannel } from '../shared/load-channel';

/** A channel with its members and owner, for its members only. */
export class ListMembers {
  constructor(private readonly deps: Pick<ChatDeps, 'channels' | 'presence' | 'clock'>) {}

  async execute(query: { userId: string; channelId: string }): Promise<{ channel: ChannelSnapshot; online: Set<string> }> {
    const channel = await loadChannel(this.deps, query.channelId);
    if (!channel.has(query.userId)) throw notAMember();
    const online = await this.deps.presence.online(
      channel.members.map((m) => m.userId),
      this.deps.clock.nowMs(),
    );
    return { channel: channel.snapshot(), online };
  }
}
