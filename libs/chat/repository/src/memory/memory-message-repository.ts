import type { AppendResult, ChatMessage, MessageRepository, NewMessage, ReadCursorRepository } from '@mosaic/chat-domain';

/** Messages in process memory, each conversation an array in sequence order. */
export class MemoryMessageRepository implements MessageRepository {
  private readonly byConversation = new Map<string, ChatMessage[]>();
  private readonly byClientId = new Map<string, ChatMessage>();

  async append(draft: NewMessage): Promise<AppendResult> {
    const key = draft.clientMessageId === null ? null : `${draft.conversation}\0${draft.senderId}\0${draft.clientMessageId}`;
    const existing = key === null ? undefined : this.byClientId.get(key);
    if (existing) return { message: existing, duplicate: true };
    const list = this.byConversation.get(draft.conversation) ?? [];
    const message: ChatMessage = { ...draft, seq: list.length + 1 };
    list.push(message);
    this.byConversation.set(draft.conversation, list);
    if (key !== null) this.byClientId.set(key, message);
    return { message, duplicate: false };
  }

  async history(conversation: string, options: { beforeSeq?: number; limit: number }): Promise<ChatMessage[]> {
    const list = this.byConversation.get(conversation) ?? [];
    const end = options.beforeSeq === undefined ? list.length : Math.min(list.length, Math.max(0, options.beforeSeq - 1));
    return list.slice(Math.max(0, end - options.limit), end).reverse();
  }

  async after(conversation: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
    return (this.byConversation.get(conversation) ?? []).slice(afterSeq, afterSeq + limit);
  }

  async findById(conversation: string, id: string): Promise<ChatMessage | null> {
    return (this.byConversation.get(conversation) ?? []).find((message) => message.id === id) ?? null;
  }

  async countAfter(conversation: string, afterSeq: number, excludeSender: string): Promise<number> {
    return (this.byConversation.get(conversation) ?? []).slice(afterSeq).filter((message) => message.senderId !== excludeSender).length;
  }
}

export class MemoryReadCursorRepository implements ReadCursorRepository {
  private readonly cursorsByKey = new Map<string, number>();

  async advance(userId: string, conversation: string, seq: number): Promise<number> {
    const key = `${userId}\0${conversation}`;
    const next = Math.max(this.cursorsByKey.get(key) ?? 0, seq);
    this.cursorsByKey.set(key, next);
    return next;
  }

  async cursors(userId: string, conversations: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const conversation of conversations) {
      const seq = this.cursorsByKey.get(`${userId}\0${conversation}`);
      if (seq !== undefined) result.set(conversation, seq);
    }
    return result;
  }
}
