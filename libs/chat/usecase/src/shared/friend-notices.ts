import type { ChatBus, ChatDomainEvent } from '@mosaic/chat-domain';

/** Tells both sides' open pages that their friend lists changed. */
export async function publishFriendEvents(bus: ChatBus, events: readonly ChatDomainEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type === 'friend.asked') {
      await bus.publish(event.to, { kind: 'notice', recipients: [event.from, event.to], notice: 'friend_asked', data: { from: event.from, to: event.to } });
    } else if (event.type === 'friend.formed') {
      await bus.publish(event.users[0], {
        kind: 'notice',
        recipients: [...event.users],
        notice: 'friend_formed',
        data: { a: event.users[0], b: event.users[1] },
      });
    } else if (event.type === 'friend.removed') {
      await bus.publish(event.other, {
        kind: 'notice',
        recipients: [event.by, event.other],
        notice: 'friend_removed',
        data: { by: event.by, other: event.other },
      });
    }
  }
}
