import { fuzzHttpApp, signedUpUser } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { startedChat } from './test-support/composed-chat';

describe('the chat app under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    const chat = await startedChat();
    try {
      const { auth } = await signedUpUser(chat.http.app, 'fuzz');
      const routes = chat.http.routes.list();
      expect(routes.map((route) => route.template)).toEqual(
        expect.arrayContaining(['/api/v1/chat/friends', '/api/v1/chat/conversations/:conversation/messages']),
      );
      await fuzzHttpApp(chat.http.app, routes, {
        runs: 300,
        headerSets: [{ authorization: auth.Authorization, 'content-type': 'application/json' }],
        bodyKeys: ['friendId', 'name', 'members', 'userId', 'text', 'messageId', 'seq'],
      });
    } finally {
      await chat.close();
    }
  }, 120_000);
});
