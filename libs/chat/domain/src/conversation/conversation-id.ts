import { invalidConversation } from '../errors/chat-errors';

/**
 * One text form names every conversation, on the wire and in storage:
 * `friend:<a>:<b>` with the two user ids in ascending order (so both sides name it
 * alike), or `channel:<channelId>`. User and channel ids never contain ":".
 */
export type ConversationRef =
  | { readonly kind: 'friend'; readonly id: string; readonly users: readonly [string, string] }
  | { readonly kind: 'channel'; readonly id: string; readonly channelId: string };

const PART = /^[A-Za-z0-9_-]{1,64}$/;

export function friendConversationId(a: string, b: string): string {
  return a < b ? `friend:${a}:${b}` : `friend:${b}:${a}`;
}

export function channelConversationId(channelId: string): string {
  return `channel:${channelId}`;
}

export function parseConversation(value: string): ConversationRef {
  const parts = value.split(':');
  if (parts[0] === 'friend' && parts.length === 3) {
    const [, a, b] = parts as [string, string, string];
    if (PART.test(a) && PART.test(b) && a < b) return { kind: 'friend', id: value, users: [a, b] };
  }
  if (parts[0] === 'channel' && parts.length === 2) {
    const channelId = parts[1] as string;
    if (PART.test(channelId)) return { kind: 'channel', id: value, channelId };
  }
  throw invalidConversation(value);
}

/** For a friend conversation: the other side. */
export function otherUser(ref: Extract<ConversationRef, { kind: 'friend' }>, userId: string): string {
  return ref.users[0] === userId ? ref.users[1] : ref.users[0];
}

export function isIdPart(value: string): boolean {
  return PART.test(value);
}
