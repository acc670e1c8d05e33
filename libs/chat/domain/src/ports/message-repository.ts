import type { ChatMessage, NewMessage } from '../message/chat-message';

export interface AppendResult {
  readonly message: ChatMessage;
  /** True when the sender's clientMessageId was already stored: `message` is the first one. */
  readonly duplicate: boolean;
}

/**
 * Messages by conversation. `append` gives each message the next sequence of its
 * conversation atomically (concurrent appends never share or skip one through a race)
 * and stores a (conversation, sender, clientMessageId) once.
 */
export interface MessageRepository {
  append(message: NewMessage): Promise<AppendResult>;
  /** Newest first, strictly older (lower seq) than `beforeSeq` when given. */
  history(conversation: string, options: { beforeSeq?: number; limit: number }): Promise<ChatMessage[]>;
  /** Oldest first, with seq > `afterSeq`. */
  after(conversation: string, afterSeq: number, limit: number): Promise<ChatMessage[]>;
  findById(conversation: string, id: string): Promise<ChatMessage | null>;
  /** Messages with seq > `afterSeq` not sent by `excludeSender`. */
  countAfter(conversation: string, afterSeq: number, excludeSender: string): Promise<number>;
}

/** Where each user has read up to, per conversation; a cursor only moves forward. */
export interface ReadCursorRepository {
  /** Moves the cursor to `seq` unless it is already there or further; returns the cursor now stored. */
  advance(userId: string, conversation: string, seq: number): Promise<number>;
  /** Cursors of one user for the given conversations (absent = 0). */
  cursors(userId: string, conversations: readonly string[]): Promise<Map<string, number>>;
}
