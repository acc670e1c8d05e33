import type { ChannelSummary } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';

/** The channels the user belongs to. */
export class ListChannels {
  constructor(private readonly deps: Pick<ChatDeps, 'channels'>) {}

  execute(query: { userId: string }): Promise<ChannelSummary[]> {
    return this.deps.channels.channelsOf(query.userId);
  }
}
