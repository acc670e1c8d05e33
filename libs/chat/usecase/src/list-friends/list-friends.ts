import { friendConversationId } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';

export interface FriendView {
  readonly userId: string;
  readonly conversation: string;
  readonly online: boolean;
}

export interface FriendListView {
  readonly friends: FriendView[];
  /** Asks the user made that wait for the other. */
  readonly outgoing: string[];
  /** Asks made to the user, waiting for them. */
  readonly incoming: string[];
}

/** The user's friends with their presence, and the asks pending either way. */
export class ListFriends {
  constructor(private readonly deps: Pick<ChatDeps, 'friends' | 'presence' | 'clock'>) {}

  async execute(query: { userId: string }): Promise<FriendListView> {
    const lists = await this.deps.friends.listFor(query.userId);
    const online = await this.deps.presence.online(lists.friends, this.deps.clock.nowMs());
    return {
      friends: lists.friends.map((userId) => ({ userId, conversation: friendConversationId(query.userId, userId), online: online.has(userId) })),
      outgoing: lists.outgoing,
      incoming: lists.incoming,
    };
  }
}
