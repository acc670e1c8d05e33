/// <reference lib="dom" />
// The browser's end of /ws/chat: one socket that reconnects by itself, resumes every
// conversation from the last sequence seen, and resends unacknowledged messages with
// their clientMessageId (the server stores a retried send once).

export interface WireMessage {
  readonly id: string;
  readonly conversation: string;
  readonly seq: number;
  readonly senderId: string;
  readonly text: string;
  readonly clientMessageId: string | null;
  readonly sentAt: string;
}

export type ServerFrame =
  | ({ type: 'message' } & WireMessage)
  | ({ type: 'ack'; duplicate: boolean } & WireMessage)
  | { type: 'hello'; userId: string }
  | { type: 'presence'; userId: string; online: boolean }
  | { type: 'typing'; conversation: string; userId: string }
  | { type: 'read'; conversation: string; seq: number }
  | { type: 'resumed'; conversation: string; lastSeq: number }
  | { type: 'notice'; notice: string }
  | { type: 'error'; code: string; message: string; clientMessageId?: string }
  | { type: 'pong' };

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionEvents {
  frame(frame: ServerFrame): void;
  state(state: ConnectionState): void;
  /** Before each reconnect: refresh the session when the token expired. */
  beforeReconnect(closeCode: number): Promise<void>;
}

interface PendingSend {
  readonly frame: Record<string, unknown>;
  readonly clientMessageId: string;
}

export class ChatConnection {
  private socket: WebSocket | undefined;
  private readonly lastSeq = new Map<string, number>();
  private readonly pending = new Map<string, PendingSend>();
  private attempts = 0;
  private everOpened = false;
  private stopped = false;

  constructor(private readonly events: ConnectionEvents) {}

  start(): void {
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  /** Starts following a conversation from `seq` (what history already showed). */
  track(conversation: string, seq: number): void {
    if ((this.lastSeq.get(conversation) ?? 0) < seq) this.lastSeq.set(conversation, seq);
  }

  seen(conversation: string): number {
    return this.lastSeq.get(conversation) ?? 0;
  }

  send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Sends a message until it is acknowledged, across reconnects. */
  sendMessage(frame: Record<string, unknown>, clientMessageId: string): void {
    const pending = { frame: { ...frame, clientMessageId }, clientMessageId };
    this.pending.set(clientMessageId, pending);
    this.send(pending.frame);
  }

  private open(): void {
    this.events.state('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/chat${this.everOpened ? '?resume=1' : ''}`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempts = 0;
      const resuming = this.everOpened;
      this.everOpened = true;
      this.events.state('online');
      if (resuming && this.lastSeq.size > 0) {
        socket.send(JSON.stringify({ action: 'resume_all', conversations: [...this.lastSeq].map(([conversation, afterSeq]) => ({ conversation, afterSeq })) }));
      }
      for (const pending of this.pending.values()) socket.send(JSON.stringify(pending.frame));
    });
    socket.addEventListener('message', (event) => this.receive(JSON.parse(String(event.data)) as ServerFrame));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.events.state('offline');
      if (this.stopped) return;
      const delay = Math.min(5_000, 250 * 2 ** this.attempts++);
      setTimeout(() => {
        void this.events
          .beforeReconnect(event.code)
          .catch(() => undefined)
          .then(() => this.open());
      }, delay);
    });
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === 'message') {
      // Repeats (a replay overlapping live delivery) are dropped by sequence.
      if (frame.seq <= this.seen(frame.conversation)) return;
      this.lastSeq.set(frame.conversation, frame.seq);
    }
    if (frame.type === 'ack' || (frame.type === 'error' && frame.clientMessageId && frame.code !== 'backend_unavailable' && frame.code !== 'rate_limited')) {
      if (frame.clientMessageId) this.pending.delete(frame.clientMessageId);
    }
    this.events.frame(frame);
  }
}

export function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
