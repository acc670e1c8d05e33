import type { ChatMessage } from '@mosaic/chat-domain';
import type { WsConnection } from '@mosaic/kit-ws';
import { messageJson } from '../http/presenters';
import type { SendQuota } from './send-quota';

export const messageFrame = (message: ChatMessage) => ({ type: 'message', ...messageJson(message) });

/**
 * One open socket of a user. It remembers the last sequence it sent per conversation,
 * so a message reaching it twice (fan-out is at least once) is sent once; while it
 * replays a conversation for `resume`, live messages of that conversation wait behind
 * the replay, so the client sees them in order.
 */
export class ChatSession {
  private readonly lastSeq = new Map<string, number>();
  private readonly replaying = new Map<string, ChatMessage[]>();
  /** Live messages held until the client's first frame, for a client that reconnects to resume. */
  private held: ChatMessage[] | null = null;
  private work: Promise<void> = Promise.resolve();
  expiryTimer: NodeJS.Timeout | undefined;
  holdTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly connection: WsConnection,
    readonly userId: string,
    readonly quota: SendQuota,
  ) {}

  /**
   * Holds live messages until `release`: a reconnecting client's first frame is its
   * `resume`, and nothing of a conversation it resumes may overtake the replay.
   */
  hold(): void {
    this.held = [];
  }

  /** Ends holding; messages of `resuming` conversations wait for their replay, the rest go now. */
  release(resuming: readonly string[] = []): void {
    clearTimeout(this.holdTimer);
    const held = this.held;
    if (held === null) return;
    this.held = null;
    for (const conversation of resuming) if (!this.replaying.has(conversation)) this.replaying.set(conversation, []);
    for (const message of held) this.deliver(message);
  }

  /** Runs `task` after every task enqueued before it; a failing task must handle its own errors. */
  enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task);
  }

  deliver(message: ChatMessage): void {
    if (this.held !== null) {
      this.held.push(message);
      return;
    }
    const waiting = this.replaying.get(message.conversation);
    if (waiting) waiting.push(message);
    else this.push(message);
  }

  send(frame: unknown): void {
    this.connection.send(frame);
  }

  /**
   * Replays a conversation after `afterSeq`, page by page from `nextPage`, then the live
   * messages that arrived meanwhile; returns the last sequence sent.
   */
  async replay(conversation: string, afterSeq: number, nextPage: (afterSeq: number) => Promise<{ messages: ChatMessage[]; more: boolean }>): Promise<number> {
    const waiting: ChatMessage[] = this.replaying.get(conversation) ?? [];
    this.replaying.set(conversation, waiting);
    this.lastSeq.set(conversation, afterSeq);
    try {
      let more = true;
      while (more && this.connection.isOpen) {
        const page = await nextPage(this.lastSeq.get(conversation) ?? afterSeq);
        for (const message of page.messages) this.push(message);
        more = page.more && page.messages.length > 0;
      }
    } finally {
      this.replaying.delete(conversation);
      for (const message of waiting.sort((a, b) => a.seq - b.seq)) this.push(message);
    }
    return this.lastSeq.get(conversation) ?? afterSeq;
  }

  private push(message: ChatMessage): void {
    if ((this.lastSeq.get(message.conversation) ?? 0) >= message.seq) return;
    this.lastSeq.set(message.conversation, message.seq);
    this.connection.send(messageFrame(message));
  }
}
