import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toEmail, User } from '@mosaic/auth-domain';
import { generateSigningKeys, JwtAccessTokens } from '@mosaic/auth-repository';
import { isAppError, ManualClock } from '@mosaic/kit-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { authenticateUpgrade } from './authenticate-upgrade';

let server: Server;
let baseUrl: string;
let accessToken: string;

/** A WebSocket server that authenticates the upgrade and greets the principal. */
beforeAll(async () => {
  const clock = new ManualClock();
  const tokens = new JwtAccessTokens({ keys: await generateSigningKeys(), issuer: 'https://auth.test', audience: 'mosaic', ttlSeconds: 900, clock });
  accessToken = (await tokens.issue(User.register({ id: '31', email: toEmail('ws@example.com'), name: null, passwordHash: '$x', now: clock.now() }), 's'))
    .token;
  const authenticate = authenticateUpgrade(tokens, { allowedOrigins: ['https://app.example.com'] });
  const sockets = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (req, socket, head) => {
    authenticate(req).then(
      (principal) => sockets.handleUpgrade(req, socket, head, (ws) => ws.send(JSON.stringify(principal))),
      (error: unknown) => {
        const status = isAppError(error) ? error.status : 500;
        const code = isAppError(error) ? error.code : 'internal';
        socket.end(`HTTP/1.1 ${status} Rejected\r\nX-Error-Code: ${code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function connect(path: string, headers: Record<string, string> = {}): Promise<{ principal?: unknown; status?: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl}${path}`, { headers });
    ws.once('message', (data) => {
      resolve({ principal: JSON.parse(data.toString()) });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode, code: res.headers['x-error-code'] as string });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

const principal = { id: '31', email: 'ws@example.com', roles: ['user'] };

describe('authenticateUpgrade', () => {
  it('accepts a Bearer header', async () => {
    expect(await connect('/chat', { Authorization: `Bearer ${accessToken}` })).toEqual({ principal });
  });

  it('accepts ?token=, since browsers cannot set headers on sockets', async () => {
    expect(await connect(`/chat?room=1&token=${encodeURIComponent(accessToken)}`)).toEqual({ principal });
  });

  it('accepts the cookie from an allowed origin', async () => {
    expect(await connect('/chat', { Cookie: `accessToken=${accessToken}`, Origin: 'https://app.example.com' })).toEqual({ principal });
  });

  it('refuses the cookie from another origin with 403 (cross-site socket hijacking)', async () => {
    expect(await connect('/chat', { Cookie: `accessToken=${accessToken}`, Origin: 'https://evil.example' })).toEqual({
      status: 403,
      code: 'origin_not_allowed',
    });
  });

  it('refuses a socket without a token with 401', async () => {
    expect(await connect('/chat')).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('refuses an invalid token with 401', async () => {
    expect(await connect('/chat?token=forged.token.here')).toEqual({ status: 401, code: 'invalid_token' });
  });
});
