import { once } from 'node:events';
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

/**
 * A WebSocket client for tests of JSON-frame endpoints: every frame kept in order, and
 * waits for the ones wanted.
 */
export class WsTestClient {
  readonly frames: Frame[] = [];
  private readonly waiters: { predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void; from: number }[] = [];
  closeCode: number | undefined;
  private readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(frame)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve((this.closeCode = code))));
  }

  /** Opens a socket; with `ready`, resolves only once a frame of that type arrived (a server's greeting). */
  static async connect(url: string, headers: Record<string, string> = {}, options: { ready?: string } = {}): Promise<WsTestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new WsTestClient(socket);
    await Promise.race([
      once(socket, 'open'),
      once(socket, 'unexpected-response').then(([, response]) => {
        throw new Error(`upgrade refused: ${(response as { statusCode: number }).statusCode}`);
      }),
    ]);
    if (options.ready) await client.next((frame) => frame.type === options.ready);
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * The first frame matching `predicate`, already received (after `from`) or still to come.
   * The wait is a bound on a hang, as long as expect.poll's, not a speed requirement.
   */
  next(predicate: (frame: Frame) => boolean, from = 0, timeoutMs = 20_000): Promise<Frame> {
    const seen = this.frames.slice(from).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ predicate, from, resolve: (frame) => (clearTimeout(timer), resolve(frame)) });
    });
  }

  /** Sends a frame and waits for the first reply of `type` (or an error) after it. */
  async request(frame: Record<string, unknown>, type: string): Promise<Frame> {
    const from = this.frames.length;
    this.send(frame);
    return this.next((f) => f.type === type || f.type === 'error', from);
  }

  ofType(type: string): Frame[] {
    return this.frames.filter((frame) => frame.type === type);
  }

  waitClosed(): Promise<number> {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed;
  }

  /** Drops the connection without a close handshake, as a crashed client would. */
  kill(): void {
    this.socket.terminate();
  }
}
