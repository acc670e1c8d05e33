import { Friendship } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { publishFriendEvents } from '../shared/friend-notices';

/** Ends a friendship, withdraws one's ask or declines the other's. */
export class RemoveFriend {
  constructor(private readonly deps: Pick<ChatDeps, 'friends' | 'bus' | 'clock'>) {}

  async execute(command: { userId: string; friendId: string }): Promise<void> {
    const asks = await this.deps.friends.asks(command.userId, command.friendId);
    const friendship = Friendship.between(command.userId, command.friendId, { viewerAsked: asks.aAsked, otherAsked: asks.bAsked });
    friendship.remove(this.deps.clock.now());
    await this.deps.friends.removeBoth(command.userId, command.friendId);
    await publishFriendEvents(this.deps.bus, friendship.pullEvents());
  }
}
