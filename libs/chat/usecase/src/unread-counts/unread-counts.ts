import { channelConversationId, friendConversationId } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';

export interface UnreadCount {
  readonly conversation: string;
  readonly unread: number;
  readonly readSeq: number;
}

/** Per conversation of the user (friends and channels): messages from others after their read cursor. */
export class UnreadCounts {
  constructor(private readonly deps: Pick<ChatDeps, 'messages' | 'friends' | 'channels' | 'readCursors'>) {}

  async execute(query: { userId: string }): Promise<UnreadCount[]> {
    const [lists, channels] = await Promise.all([this.deps.friends.listFor(query.userId), this.deps.channels.channelsOf(query.userId)]);
    const conversations = [
      ...lists.friends.map((friend) => friendConversationId(query.userId, friend)),
      ...channels.map((channel) => channelConversationId(channel.id)),
    ];
    const cursors = await this.deps.readCursors.cursors(query.userId, conversations);
    return Promise.all(
      conversations.map(async (conversation) => {
        const readSeq = cursors.get(conversation) ?? 0;
        return { conversation, readSeq, unread: await this.deps.messages.countAfter(conversation, readSeq, query.userId) };
      }),
    );
  }
}
