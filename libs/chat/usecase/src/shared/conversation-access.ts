import { channelNotFound, notAParticipant, notFriends, parseConversation, type ConversationRef } from '@mosaic/chat-domain';
import type { ChatDeps } from './chat-deps';

export interface Participation {
  readonly ref: ConversationRef;
  /** Everyone a message here goes to, the caller included. */
  readonly recipients: readonly string[];
}

/**
 * Whether `userId` may read a conversation: one of the pair (even after they parted,
 * for the history they shared), or a current channel member. Anyone else gets
 * `not_a_participant`, whether or not the conversation exists.
 */
export async function readableConversation(deps: Pick<ChatDeps, 'channels'>, userId: string, conversation: string): Promise<ConversationRef> {
  const ref = parseConversation(conversation);
  if (ref.kind === 'friend') {
    if (!ref.users.includes(userId)) throw notAParticipant();
    return ref;
  }
  if (!(await deps.channels.isMember(ref.channelId, userId))) throw notAParticipant();
  return ref;
}

/** Whether `userId` may write to a conversation now: friends with the other, or a channel member; with who hears it. */
export async function writableConversation(deps: Pick<ChatDeps, 'channels' | 'friends'>, userId: string, conversation: string): Promise<Participation> {
  const ref = parseConversation(conversation);
  if (ref.kind === 'friend') {
    if (!ref.users.includes(userId)) throw notAParticipant();
    const [a, b] = ref.users;
    if (!(await deps.friends.areFriends(a, b))) throw notFriends();
    return { ref, recipients: [a, b] };
  }
  const members = await deps.channels.memberIds(ref.channelId);
  if (!members.includes(userId)) throw members.length === 0 ? channelNotFound() : notAParticipant();
  return { ref, recipients: members };
}
