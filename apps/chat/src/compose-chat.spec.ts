import { signedUpUser, WsTestClient } from '@mosaic/kit-testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startedChat } from './test-support/composed-chat';

describe('the chat app', () => {
  let app: Awaited<ReturnType<typeof startedChat>>;
  beforeAll(async () => {
    app = await startedChat();
  });
  afterAll(async () => app.close());

  it('lets two signed-in friends talk over /ws/chat with tokens from auth, and nobody else listen', async () => {
    const alice = await signedUpUser(app.url, 'alice');
    const bob = await signedUpUser(app.url, 'bob');
    const mallory = await signedUpUser(app.url, 'mallory');
    expect((await request(app.url).post('/api/v1/chat/friends').set(alice.auth).send({ friendId: bob.userId })).body.status).toBe('asked');
    expect((await request(app.url).post('/api/v1/chat/friends').set(bob.auth).send({ friendId: alice.userId })).body.status).toBe('friends');

    const token = alice.auth.Authorization.replace('Bearer ', '');
    const aliceSocket = await WsTestClient.connect(`${app.wsUrl}?token=${encodeURIComponent(token)}`);
    const bobSocket = await WsTestClient.connect(app.wsUrl, bob.auth);
    const mallorySocket = await WsTestClient.connect(app.wsUrl, mallory.auth);
    const ack = await aliceSocket.request({ action: 'send_message_to_friend', friend_id: bob.userId, message: 'hello', clientMessageId: 'x1' }, 'ack');
    expect(ack).toMatchObject({ type: 'ack', seq: 1, senderId: alice.userId });
    expect(await bobSocket.next((f) => f.type === 'message')).toMatchObject({ id: ack.id, text: 'hello' });
    const conversation = ack.conversation as string;
    expect(await mallorySocket.request({ action: 'resume', conversation, afterSeq: 0 }, 'resumed')).toMatchObject({ type: 'error', code: 'not_a_participant' });
    expect((await request(app.url).get(`/api/v1/chat/conversations/${conversation}/messages`).set(mallory.auth)).status).toBe(403);
    const history = await request(app.url).get(`/api/v1/chat/friends/${alice.userId}/messages`).set(bob.auth);
    expect(history.body.messages).toEqual([expect.objectContaining({ id: ack.id, text: 'hello' })]);
    expect(mallorySocket.ofType('message')).toEqual([]);
    for (const socket of [aliceSocket, bobSocket, mallorySocket]) await socket.close();
  });

  it('refuses sockets and routes without a valid token', async () => {
    await expect(WsTestClient.connect(`${app.wsUrl}?token=not-a-token`)).rejects.toThrow(/401/);
    await expect(WsTestClient.connect(app.wsUrl)).rejects.toThrow(/401/);
    const response = await request(app.url).get('/api/v1/chat/friends');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });
});
