import type { ChannelSnapshot, ChannelSummary, ChatMessage } from '@mosaic/chat-domain';
import { channelConversationId } from '@mosaic/chat-domain';
import type { HistoryPage } from '@mosaic/chat-usecase';

/** A message as clients see it, over REST and WebSocket alike. */
export function messageJson(message: ChatMessage) {
  return {
    id: message.id,
    conversation: message.conversation,
    seq: message.seq,
    senderId: message.senderId,
    text: message.text,
    clientMessageId: message.clientMessageId,
    sentAt: message.sentAt.toISOString(),
  };
}

export function historyJson(conversation: string, page: HistoryPage) {
  return { conversation, messages: page.messages.map(messageJson), nextBefore: page.nextBefore };
}

export function channelSummaryJson(channel: ChannelSummary) {
  return {
    id: channel.id,
    name: channel.name,
    ownerId: channel.ownerId,
    conversation: channelConversationId(channel.id),
    memberCount: channel.memberCount,
    createdAt: channel.createdAt.toISOString(),
  };
}

export function channelJson(channel: ChannelSnapshot, online?: ReadonlySet<string>) {
  return {
    id: channel.id,
    name: channel.name,
    ownerId: channel.ownerId,
    conversation: channelConversationId(channel.id),
    createdAt: channel.createdAt.toISOString(),
    members: channel.members.map((member) => ({
      userId: member.userId,
      joinedAt: member.joinedAt.toISOString(),
      owner: member.userId === channel.ownerId,
      ...(online ? { online: online.has(member.userId) } : {}),
    })),
  };
}
