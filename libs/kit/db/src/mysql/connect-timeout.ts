import { connect, type Socket } from 'node:net';
import { armReplyTimeout } from '@mosaic/kit-core';

/** What mysql2 hands a `stream` factory: the new connection's own copy of the pool's connection config. */
interface ConnectingOptions {
  readonly config: { readonly host?: string; readonly port?: number; readonly socketPath?: string; readonly keepAliveInitialDelay?: number };
}

export interface ConnectTimeout {
  /** mysql2's `stream` option: opens each connection's socket as mysql2 would, with the timeout armed. */
  readonly stream: (options: ConnectingOptions) => Socket;
  /** Ends the wait of the connection that finished its handshake (pass its `config`). */
  connected(config: object): void;
}

/**
 * Bounds the opening of each pool connection in place of mysql2's `connectTimeout`, a
 * plain timer that fails a handshake the server answered while the process was stalled
 * (the timer runs before the socket is read). Opening a connection takes several round
 * trips, so one more turn of the loop is not enough: the wait is given up only when the
 * server did nothing (accept the connection, send a byte) for a whole `timeoutMs`, counted with kit-core's reply timeout. A
 * server that accepts and then says nothing still fails in `timeoutMs`, as ETIMEDOUT.
 */
export function connectTimeout(timeoutMs: number, enableKeepAlive: boolean): ConnectTimeout {
  const waits = new WeakMap<object, () => void>();
  return {
    stream: ({ config }) => {
      const socket = config.socketPath ? connect(config.socketPath) : connect(config.port ?? 3306, config.host);
      if (!config.socketPath) {
        // What mysql2 does with the socket it opens itself.
        if (enableKeepAlive) socket.on('connect', () => socket.setKeepAlive(true, config.keepAliveInitialDelay));
        socket.setNoDelay(true);
      }
      // How far the server has got: the TCP connection accepted, then every byte it sent.
      const progress = () => socket.bytesRead + (socket.connecting ? 0 : 1);
      let heard = progress();
      let cancel = (): void => undefined;
      const wait = () => {
        cancel = armReplyTimeout(timeoutMs, () => {
          if (progress() === heard) {
            socket.destroy(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT', syscall: 'connect' }));
            return;
          }
          heard = progress();
          wait();
        });
      };
      wait();
      const done = () => cancel();
      socket.once('close', done);
      waits.set(config, done);
      return socket;
    },
    connected: (config) => {
      waits.get(config)?.();
      waits.delete(config);
    },
  };
}
