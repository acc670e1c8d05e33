import type { ChatMessage } from '@mosaic/chat-domain';
import { MAX_PAGE, type ChatDeps } from '../shared/chat-deps';
import { readableConversation } from '../shared/conversation-access';

/** What a client missed: the messages after the last sequence it saw, oldest first. */
export class ResumeConversation {
  constructor(private readonly deps: Pick<ChatDeps, 'messages' | 'channels'>) {}

  async execute(query: { userId: string; conversation: string; afterSeq: number; limit?: number }): Promise<{ messages: ChatMessage[]; more: boolean }> {
    await readableConversation(this.deps, query.userId, query.conversation);
    const limit = Math.min(Math.max(query.limit ?? MAX_PAGE, 1), MAX_PAGE);
    const messages = await this.deps.messages.after(query.conversation, Math.max(0, query.afterSeq), limit + 1);
    return { messages: messages.slice(0, limit), more: messages.length > limit };
  }
}
