import { Friendship, type FriendshipStatus } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { publishFriendEvents } from '../shared/friend-notices';

/** Asks `friendId` to be friends, or accepts their pending ask. Asking again is harmless. */
export class AskFriend {
  constructor(private readonly deps: Pick<ChatDeps, 'friends' | 'bus' | 'clock'>) {}

  async execute(command: { userId: string; friendId: string }): Promise<{ friendId: string; status: FriendshipStatus }> {
    const { userId, friendId } = command;
    const asks = await this.deps.friends.asks(userId, friendId);
    const friendship = Friendship.between(userId, friendId, { viewerAsked: asks.aAsked, otherAsked: asks.bAsked });
    friendship.ask(this.deps.clock.now());
    const events = friendship.pullEvents();
    if (events.length > 0) await this.deps.friends.addAsk(userId, friendId, this.deps.clock.now());
    // Both may ask at once: what is stored now decides, not what either saw before.
    const stored = await this.deps.friends.asks(userId, friendId);
    const status = Friendship.between(userId, friendId, { viewerAsked: stored.aAsked, otherAsked: stored.bAsked }).status;
    await publishFriendEvents(this.deps.bus, events);
    return { friendId, status };
  }
}
