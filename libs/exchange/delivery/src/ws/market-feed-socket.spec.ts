import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserAccounts } from '@mosaic/exchange-domain';
import { MemoryCommandJournal, MemoryOrderHistory } from '@mosaic/exchange-repository';
import { createExchangeUseCases, ExchangePipeline } from '@mosaic/exchange-usecase';
import { unauthorized } from '@mosaic/kit-core';
import { CloseCode, type WsServer } from '@mosaic/kit-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachMarketFeed } from './market-feed-socket';

/** Only the verifier matters to the feed: a token is the user id it names, prefixed. */
const users: UserAccounts = {
  register: { execute: async () => Promise.reject(new Error('not used')) },
  login: { execute: async () => Promise.reject(new Error('not used')) },
  currentUser: { execute: async () => Promise.reject(new Error('not used')) },
  verifier: {
    verify: async (token) => {
      if (!token.startsWith('token-for-')) throw unauthorized('invalid_token', 'bad token');
      return { userId: token.slice('token-for-'.length), email: 'x@example.com', roles: [] };
    },
  },
};

describe('the market feed under a slow reader', () => {
  let server: Server;
  let feed: WsServer;
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await feed?.close();
    server?.close();
  });

  it('closes a client that stops reading once its buffer is full, and keeps serving the others', async () => {
    const pipeline = await ExchangePipeline.open({ journal: new MemoryCommandJournal(), history: new MemoryOrderHistory() });
    const useCases = createExchangeUseCases(pipeline, { selfServiceTransfers: true });
    server = createServer();
    feed = attachMarketFeed({ server, useCases, users, maxBufferedBytes: 16 * 1024 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    const connect = async () => {
      const socket = new WebSocket(url);
      sockets.push(socket);
      await once(socket, 'open');
      socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['level2'] }));
      await once(socket, 'message');
      return socket;
    };
    const slow = await connect();
    const fast = await connect();
    let updates = 0;
    fast.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'l2update') updates += 1;
    });
    const closed = once(slow, 'close');
    await useCases.transferFunds.execute({ caller: { id: 'mm', roles: ['admin'] }, currency: 'USDT', amount: '100000000', direction: 'deposit' });
    const LEVELS = 2_000;
    for (let i = 1; i <= LEVELS; i++) {
      await useCases.placeOrder.execute({ userId: 'mm', productId: 'BTC-USDT', side: 'buy', type: 'limit', price: String(i), size: '0.0001' });
    }
    await expect.poll(() => updates, { timeout: 30_000 }).toBe(LEVELS);
    // The slow client stops reading and keeps asking for snapshots of a deep book: its send buffer fills up.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 2_000 && slow.readyState === WebSocket.OPEN; i++) {
      slow.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['level2'] }));
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      if (feed.connections.size < 2) break;
    }
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    const [code] = await closed;
    expect(code).toBe(CloseCode.tryAgainLater);
    await expect.poll(() => feed.connections.size).toBe(1);
    await useCases.placeOrder.execute({ userId: 'mm', productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '1', size: '0.0001' });
    await expect.poll(() => updates).toBe(LEVELS + 1);
    expect(fast.readyState).toBe(WebSocket.OPEN);
    await pipeline.close();
  }, 60_000);
});
