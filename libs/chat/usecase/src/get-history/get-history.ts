import { messageNotFound, type ChatMessage } from '@mosaic/chat-domain';
import { MAX_PAGE, type ChatDeps } from '../shared/chat-deps';
import { readableConversation } from '../shared/conversation-access';

export interface HistoryPage {
  readonly messages: ChatMessage[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly nextBefore: string | null;
}

/**
 * A conversation's messages newest first, a page at a time. The cursor is a message
 * id standing for its sequence, so messages arriving meanwhile (higher sequences)
 * never shift older pages: no skips, no repeats.
 */
export class GetHistory {
  constructor(private readonly deps: Pick<ChatDeps, 'messages' | 'channels'>) {}

  async execute(query: { userId: string; conversation: string; before?: string; limit?: number }): Promise<HistoryPage> {
    await readableConversation(this.deps, query.userId, query.conversation);
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE);
    let beforeSeq: number | undefined;
    if (query.before !== undefined) {
      const cursor = await this.deps.messages.findById(query.conversation, query.before);
      if (!cursor) throw messageNotFound();
      beforeSeq = cursor.seq;
    }
    const messages = await this.deps.messages.history(query.conversation, { beforeSeq, limit: limit + 1 });
    const page = messages.slice(0, limit);
    const last = page[page.length - 1];
    return { messages: page, nextBefore: messages.length > limit && last ? last.id : null };
  }
}
