/// <reference lib="dom" />
export type FeedMessage = Record<string, unknown> & { type: string };
type Handler = (message: FeedMessage) => void;

/**
 * The page's WebSocket to `/ws`: resubscribes after a reconnect, and hands every
 * message to one handler. The session cookie authenticates the upgrade, so the
 * private `order` and `funds` channels need no token here.
 */
export class Feed {
  private socket: WebSocket | undefined;
  private subscriptions: Record<string, unknown>[] = [];
  private closed = false;

  constructor(private readonly onMessage: Handler) {
    this.open();
  }

  subscribe(message: Record<string, unknown>): void {
    const full = { type: 'subscribe', ...message };
    this.subscriptions.push(full);
    this.send(full);
  }

  unsubscribeAll(): void {
    for (const message of this.subscriptions) this.send({ ...message, type: 'unsubscribe' });
    this.subscriptions = [];
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private open(): void {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      for (const message of this.subscriptions) socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (event) => {
      try {
        this.onMessage(JSON.parse(String(event.data)) as FeedMessage);
      } catch {
        // A frame the page does not understand is not worth stopping for.
      }
    });
    socket.addEventListener('close', () => {
      if (!this.closed) setTimeout(() => this.open(), 1000);
    });
  }
}
