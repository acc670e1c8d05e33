import { messageNotFound } from '@mosaic/chat-domain';
import type { ChatDeps } from '../shared/chat-deps';
import { readableConversation } from '../shared/conversation-access';

/** Moves the user's read cursor up to a message (never back); the user's other tabs hear of it. */
export class MarkRead {
  constructor(private readonly deps: Pick<ChatDeps, 'messages' | 'channels' | 'readCursors' | 'bus'>) {}

  async execute(command: { userId: string; conversation: string; messageId: string }): Promise<{ conversation: string; seq: number }> {
    await readableConversation(this.deps, command.userId, command.conversation);
    const message = await this.deps.messages.findById(command.conversation, command.messageId);
    if (!message) throw messageNotFound();
    const seq = await this.deps.readCursors.advance(command.userId, command.conversation, message.seq);
    await this.deps.bus.publish(command.conversation, {
      kind: 'read',
      recipients: [command.userId],
      conversation: command.conversation,
      seq,
      userId: command.userId,
    });
    return { conversation: command.conversation, seq };
  }
}
