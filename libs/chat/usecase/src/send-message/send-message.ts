import { OutgoingMessage, type ChatMessage } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { writableConversation } from '../shared/conversation-access';

export interface SentMessage {
  readonly message: ChatMessage;
  /** The clientMessageId was seen before: this is the first send's message, stored once. */
  readonly duplicate: boolean;
}

/**
 * Stores a message with the next sequence of its conversation and fans it out. A
 * retry with the same clientMessageId stores nothing new and answers with the first
 * message; it is published again, so a send whose fan-out failed reaches everyone on
 * retry (receivers drop repeats by sequence).
 */
export class SendMessage {
  constructor(private readonly deps: Pick<ChatDeps, 'messages' | 'friends' | 'channels' | 'bus' | 'clock' | 'ids'>) {}

  async execute(command: { senderId: string; conversation: string; text: string; clientMessageId?: string | null }): Promise<SentMessage> {
    const outgoing = OutgoingMessage.compose({
      id: this.deps.ids.next(),
      conversation: command.conversation,
      senderId: command.senderId,
      text: command.text,
      clientMessageId: command.clientMessageId,
      now: this.deps.clock.now(),
    });
    const { recipients } = await writableConversation(this.deps, command.senderId, command.conversation);
    const { message, duplicate } = await this.deps.messages.append(outgoing.draft);
    outgoing.pullEvents();
    await this.deps.bus.publish(message.conversation, { kind: 'message', recipients, message });
    return { message, duplicate };
  }
}
