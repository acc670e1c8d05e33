import { once } from 'node:events';
import { WebSocket } from 'ws';

export type FeedMessage = Record<string, unknown> & { type: string };

/** A WebSocket client that keeps every message and waits for the one a test expects. */
export class FeedClient {
  readonly messages: FeedMessage[] = [];
  private waiters: { match: (m: FeedMessage) => boolean; resolve: (m: FeedMessage) => void }[] = [];
  private readonly taken = new Set<number>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as FeedMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
  }

  static async connect(url: string): Promise<FeedClient> {
    const socket = new WebSocket(url);
    const client = new FeedClient(socket);
    await once(socket, 'open');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The oldest message not yet taken that matches (waiting for it if need be); it is taken. */
  next(match: (message: FeedMessage) => boolean = () => true): Promise<FeedMessage> {
    for (let i = 0; i < this.messages.length; i++) {
      if (!this.taken.has(i) && match(this.messages[i])) {
        this.taken.add(i);
        return Promise.resolve(this.messages[i]);
      }
    }
    return new Promise((resolve) => {
      this.waiters.push({
        match,
        resolve: (message) => {
          this.taken.add(this.messages.lastIndexOf(message));
          resolve(message);
        },
      });
    });
  }

  ofType(type: string): Promise<FeedMessage> {
    return this.next((message) => message.type === type);
  }

  close(): void {
    this.socket.terminate();
  }
}
