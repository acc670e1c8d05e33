import { cannotBefriendSelf, friendNotFound } from '../errors/chat-errors';
import { VersionedAggregate } from '@mosaic/kit-core';
import type { ChatDomainEvent } from '../events/chat-events';

export type FriendshipStatus = 'none' | 'asked' | 'pending' | 'friends';

/**
 * What two users are to each other, from the asks each has made: friends once each
 * has asked the other. The status is from `viewer`'s side: `asked` = the viewer asked
 * and waits, `pending` = the other asked and waits for the viewer. Stored as the two
 * asks, not as a versioned row, and owned by neither: its version stays 0.
 */
export class Friendship extends VersionedAggregate<ChatDomainEvent, null> {
  private constructor(
    readonly viewer: string,
    readonly other: string,
    private viewerAsked: boolean,
    private otherAsked: boolean,
  ) {
    super({ version: 0, ownerId: null });
  }

  static between(viewer: string, other: string, asks: { viewerAsked: boolean; otherAsked: boolean }): Friendship {
    if (viewer === other) throw cannotBefriendSelf();
    return new Friendship(viewer, other, asks.viewerAsked, asks.otherAsked);
  }

  get status(): FriendshipStatus {
    if (this.viewerAsked && this.otherAsked) return 'friends';
    if (this.viewerAsked) return 'asked';
    return this.otherAsked ? 'pending' : 'none';
  }

  /** The viewer asks (or accepts the other's ask). Asking twice changes nothing. */
  ask(now: Date): void {
    if (this.viewerAsked) return;
    this.viewerAsked = true;
    if (this.otherAsked) this.record({ type: 'friend.formed', users: [this.viewer, this.other], at: now });
    else this.record({ type: 'friend.asked', from: this.viewer, to: this.other, at: now });
  }

  /** Ends the friendship, or withdraws or declines an ask: both asks go. */
  remove(now: Date): void {
    if (!this.viewerAsked && !this.otherAsked) throw friendNotFound();
    this.viewerAsked = false;
    this.otherAsked = false;
    this.record({ type: 'friend.removed', by: this.viewer, other: this.other, at: now });
  }
}
