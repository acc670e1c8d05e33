/** Something that happened to a chat aggregate; use cases publish what matters to clients. */
export type ChatDomainEvent =
  | { readonly type: 'friend.asked'; readonly from: string; readonly to: string; readonly at: Date }
  | { readonly type: 'friend.formed'; readonly users: readonly [string, string]; readonly at: Date }
  | { readonly type: 'friend.removed'; readonly by: string; readonly other: string; readonly at: Date }
  | { readonly type: 'channel.created'; readonly channelId: string; readonly ownerId: string; readonly at: Date }
  | { readonly type: 'channel.joined'; readonly channelId: string; readonly userId: string; readonly at: Date }
  | { readonly type: 'channel.left'; readonly channelId: string; readonly userId: string; readonly newOwnerId: string | null; readonly at: Date }
  | { readonly type: 'message.sent'; readonly messageId: string; readonly conversation: string; readonly senderId: string; readonly at: Date };
