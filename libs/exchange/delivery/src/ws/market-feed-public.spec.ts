import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryCommandJournal, MemoryOrderHistory } from '@mosaic/exchange-repository';
import { ExchangePipeline, ExchangeReads } from '@mosaic/exchange-usecase';
import type { WsServer } from '@mosaic/kit-ws';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachMarketFeed } from './market-feed-socket';

describe('the market feed without users (the projector)', () => {
  let server: Server;
  let feed: WsServer;
  let pipeline: ExchangePipeline;
  let socket: WebSocket;

  afterAll(async () => {
    socket?.terminate();
    await feed?.close();
    server?.close();
    await pipeline?.close();
  });

  it('serves the public channels and answers the private ones with an error frame, whatever the token', async () => {
    pipeline = await ExchangePipeline.open({ journal: new MemoryCommandJournal(), history: new MemoryOrderHistory() });
    server = createServer();
    feed = attachMarketFeed({ server, useCases: { pipeline, reads: new ExchangeReads(pipeline) } });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`);
    const messages: { type: string; code?: string; channels?: { name: string }[] }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
    await once(socket, 'open');
    socket.send(
      JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USDT'], currency_ids: ['USDT'], channels: ['level2', 'order', 'funds'], token: 'any-token' }),
    );
    await expect.poll(() => messages.some((message) => message.type === 'snapshot')).toBe(true);
    expect(messages.filter((message) => message.type === 'error').map((message) => message.code)).toEqual(['not_served_here', 'not_served_here']);
    expect(messages.find((message) => message.type === 'subscriptions')?.channels?.map((channel) => channel.name)).toEqual(['level2']);
  }, 60_000);
});
