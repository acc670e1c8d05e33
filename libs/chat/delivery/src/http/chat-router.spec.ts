import { channelConversationId, friendConversationId } from '@mosaic/chat-domain';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, befriend, startChatTestServer, type ChatTestServer } from '../test-support/chat-test-app';

let server: ChatTestServer;
beforeEach(async () => {
  server = await startChatTestServer();
});
afterEach(async () => server.close());

const api = () => request(server.url);

describe('/api/v1/chat friends', () => {
  it('asks, accepts, lists with pending asks and presence, and removes', async () => {
    const asked = await api().post('/api/v1/chat/friends').set(as('alice')).send({ friendId: 'bob' });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ friendId: 'bob', status: 'asked', conversation: friendConversationId('alice', 'bob') });
    expect((await api().get('/api/v1/chat/friends').set(as('alice'))).body).toEqual({ friends: [], outgoing: ['bob'], incoming: [] });
    expect((await api().get('/api/v1/chat/friends').set(as('bob'))).body).toEqual({ friends: [], outgoing: [], incoming: ['alice'] });
    const accepted = await api().post('/api/v1/chat/friends').set(as('bob')).send({ friendId: 'alice' });
    expect(accepted.body).toMatchObject({ friendId: 'alice', status: 'friends' });
    expect((await api().get('/api/v1/chat/friends').set(as('alice'))).body).toEqual({
      friends: [{ userId: 'bob', conversation: friendConversationId('alice', 'bob'), online: false }],
      outgoing: [],
      incoming: [],
    });
    expect((await api().delete('/api/v1/chat/friends/bob').set(as('alice'))).status).toBe(204);
    expect((await api().get('/api/v1/chat/friends').set(as('bob'))).body).toEqual({ friends: [], outgoing: [], incoming: [] });
    const again = await api().delete('/api/v1/chat/friends/bob').set(as('alice'));
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('friend_not_found');
  });

  it('refuses bad input with the common error shape', async () => {
    const self = await api().post('/api/v1/chat/friends').set(as('alice')).send({ friendId: 'alice' });
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ error: { code: 'cannot_befriend_self', message: expect.any(String) } });
    const missing = await api().post('/api/v1/chat/friends').set(as('alice')).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'body.friendId' })] });
    const anonymous = await api().get('/api/v1/chat/friends');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
  });
});

describe('/api/v1/chat channels', () => {
  it('creates, joins, lists members with the owner, and hands ownership on when the owner leaves', async () => {
    const created = await api().post('/api/v1/chat/channels').set(as('alice')).send({ name: '  General  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'General', ownerId: 'alice', members: [expect.objectContaining({ userId: 'alice', owner: true })] });
    const id = created.body.id as string;
    expect((await api().post(`/api/v1/chat/channels/${id}/join`).set(as('bob'))).status).toBe(200);
    expect((await api().post(`/api/v1/chat/channels/${id}/join`).set(as('bob'))).body.members).toHaveLength(2);
    const mine = await api().get('/api/v1/chat/channels').set(as('bob'));
    expect(mine.body.channels).toEqual([expect.objectContaining({ id, name: 'General', memberCount: 2, conversation: channelConversationId(id) })]);
    expect((await api().post(`/api/v1/chat/channels/${id}/leave`).set(as('alice'))).status).toBe(204);
    const members = await api().get(`/api/v1/chat/channels/${id}/members`).set(as('bob'));
    expect(members.body).toMatchObject({ ownerId: 'bob', members: [{ userId: 'bob', owner: true, online: false, joinedAt: expect.any(String) }] });
    const outsider = await api().get(`/api/v1/chat/channels/${id}/members`).set(as('alice'));
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('not_a_member');
    expect((await api().post('/api/v1/chat/channels/999/join').set(as('bob'))).status).toBe(404);
    expect((await api().post('/api/v1/chat/channels').set(as('bob')).send({ name: '' })).body.error.code).toBe('invalid_channel_name');
  });
});

describe('/api/v1/chat history', () => {
  it('pages newest first by message id without skips or repeats while messages keep arriving', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const conversation = friendConversationId('alice', 'bob');
    for (let i = 1; i <= 45; i += 1) await server.useCases.sendMessage.execute({ senderId: i % 2 ? 'alice' : 'bob', conversation, text: `old ${i}` });
    const seen: number[] = [];
    let before: string | null = null;
    let writer = 0;
    do {
      // Writers race the reader: new messages land between (and during) page reads.
      const inserts = Array.from({ length: 5 }, () => server.useCases.sendMessage.execute({ senderId: 'alice', conversation, text: `new ${++writer}` }));
      const response = await api()
        .get('/api/v1/chat/friends/bob/messages')
        .query({ limit: 10, ...(before ? { before } : {}) })
        .set(as('alice'));
      await Promise.all(inserts);
      expect(response.status).toBe(200);
      seen.push(...(response.body.messages as { seq: number }[]).map((m) => m.seq));
      before = response.body.nextBefore as string | null;
    } while (before);
    const top = seen[0]!;
    expect(seen).toEqual(Array.from({ length: top }, (_, i) => top - i));
    expect(top).toBeGreaterThanOrEqual(45);
  });

  it('keeps conversations private and checks cursors and limits', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const conversation = friendConversationId('alice', 'bob');
    const sent = await server.useCases.sendMessage.execute({ senderId: 'alice', conversation, text: 'secret' });
    const foreign = await api().get(`/api/v1/chat/conversations/${conversation}/messages`).set(as('mallory'));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('not_a_participant');
    const channel = await server.useCases.createChannel.execute({ userId: 'alice', name: 'team' });
    expect((await api().get(`/api/v1/chat/channels/${channel.id}/messages`).set(as('mallory'))).status).toBe(403);
    const markForeign = await api().post(`/api/v1/chat/conversations/${conversation}/read`).set(as('mallory')).send({ messageId: sent.message.id });
    expect(markForeign.status).toBe(403);
    expect((await api().get('/api/v1/chat/friends/bob/messages?limit=101').set(as('alice'))).status).toBe(400);
    expect((await api().get('/api/v1/chat/friends/bob/messages?before=123').set(as('alice'))).body.error.code).toBe('message_not_found');
    expect((await api().get('/api/v1/chat/conversations/friend:b:a/messages').set(as('a'))).body.error.code).toBe('invalid_conversation');
  });

  it('counts unread messages from others and lowers them as the reader reads', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const conversation = friendConversationId('alice', 'bob');
    const ids: string[] = [];
    for (const text of ['a', 'b', 'c']) ids.push((await server.useCases.sendMessage.execute({ senderId: 'alice', conversation, text })).message.id);
    await server.useCases.sendMessage.execute({ senderId: 'bob', conversation, text: 'mine' });
    expect((await api().get('/api/v1/chat/unread').set(as('bob'))).body).toEqual({ conversations: [{ conversation, unread: 3, readSeq: 0 }] });
    expect((await api().post(`/api/v1/chat/conversations/${conversation}/read`).set(as('bob')).send({ messageId: ids[2] })).body).toEqual({
      conversation,
      seq: 3,
    });
    // A cursor never moves back.
    expect((await api().post(`/api/v1/chat/conversations/${conversation}/read`).set(as('bob')).send({ messageId: ids[0] })).body).toEqual({
      conversation,
      seq: 3,
    });
    expect((await api().get('/api/v1/chat/unread').set(as('bob'))).body).toEqual({ conversations: [{ conversation, unread: 0, readSeq: 3 }] });
  });
});
