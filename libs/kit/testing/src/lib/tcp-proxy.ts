import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy a test controls, between an app and a real backend, to stage an
 * outage: `cut` drops every open connection and refuses new ones (the port stops
 * listening, as when a server dies); `stall` keeps every connection open and accepts
 * new ones but passes no byte either way (a server that hangs, or a partition TCP
 * has not noticed yet), holding what was sent; `restore` ends either.
 */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string;
  cut(): Promise<void>;
  stall(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to the host and port of `targetUrl` (any scheme) or of `host:port`. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port: targetPort } = target.includes('://') ? new URL(target) : new URL(`tcp://${target}`);
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let stalled = false;
  const connect = ([client, upstream]: [Socket, Socket]) => {
    client.pipe(upstream).pipe(client);
  };
  const hold = ([client, upstream]: [Socket, Socket]) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const listen = async (server: Server, port: number) => {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  };
  const newServer = () =>
    createServer((client) => {
      const upstream = createConnection({ host: hostname, port: Number(targetPort) });
      track(client);
      track(upstream);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      if (stalled) hold(pair);
      else connect(pair);
      const end = () => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.once('error', end).once('close', end);
      upstream.once('error', end).once('close', end);
    });
  let server: Server | undefined = newServer();
  const port = await listen(server, 0);
  const stop = async () => {
    const closing = server;
    server = undefined;
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    rewrite: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut: async () => {
      const stopped = stop();
      dropAll();
      await stopped;
    },
    stall: () => {
      stalled = true;
      for (const pair of pairs) hold(pair);
    },
    restore: async () => {
      if (stalled) {
        stalled = false;
        for (const pair of pairs) connect(pair);
      }
      if (server) return;
      server = newServer();
      await listen(server, port);
    },
    close: async () => {
      const stopped = stop();
      dropAll();
      await stopped;
    },
  };
}
