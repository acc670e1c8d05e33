import type { ChatMessage } from '@mosaic/chat-domain';
import { MAX_PAGE, type ChatDeps } from '../shared/chat-deps';

/**
 * For the fan-out itself, not for a caller: the stored messages between two sequences
 * (`afterSeq` < seq < `untilSeq`), oldest first, so an instance that saw seq 7 right after
 * seq 5 delivers 6 first. It waits briefly for a message whose sequence was taken but
 * whose write has not landed yet; a sequence never written (a failed send) is skipped.
 */
export class CatchUpConversation {
  constructor(private readonly deps: Pick<ChatDeps, 'messages'> & { readonly settleMs?: number; readonly attempts?: number }) {}

  async execute(query: { conversation: string; afterSeq: number; untilSeq: number }): Promise<ChatMessage[]> {
    const wanted = Math.min(query.untilSeq - query.afterSeq - 1, MAX_PAGE * 10);
    if (wanted <= 0) return [];
    const attempts = this.deps.attempts ?? 10;
    let found: ChatMessage[] = [];
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      found = (await this.deps.messages.after(query.conversation, query.afterSeq, wanted)).filter((m) => m.seq < query.untilSeq);
      if (found.length >= wanted) break;
      await new Promise((resolve) => setTimeout(resolve, this.deps.settleMs ?? 50));
    }
    return found;
  }
}
