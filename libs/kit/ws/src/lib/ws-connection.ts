import type { WebSocket } from 'ws';

export interface WsPrincipal {
  id: string;
  email?: string;
  roles: readonly string[];
}

/** What a slow reader costs: its messages are dropped, or it is disconnected. */
export type SlowConsumerPolicy = 'drop' | 'close';

/** WebSocket close codes Mosaic uses. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

/** One client, as a handler sees it: JSON in, JSON out, and a verdict on slow readers. */
export class WsConnection {
  private dropped = 0;

  constructor(
    readonly id: string,
    readonly principal: WsPrincipal | undefined,
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly slowConsumer: SlowConsumerPolicy,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Messages dropped because this client read too slowly. */
  get droppedMessages(): number {
    return this.dropped;
  }

  /**
   * Sends one JSON message unless the client is behind by more than the buffer
   * allows; returns whether it was queued. A reader that never catches up must not
   * grow the server's memory without bound.
   */
  send(message: unknown): boolean {
    if (!this.isOpen) return false;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropped += 1;
      if (this.slowConsumer === 'close') this.close(CloseCode.tryAgainLater, 'slow consumer');
      return false;
    }
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  }

  close(code: number = CloseCode.normal, reason = ''): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    this.socket.close(code, reason.slice(0, 120));
  }
}
