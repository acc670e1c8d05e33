import { friendConversationId } from '@mosaic/chat-domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { befriend, startChatTestServer, type ChatTestServer } from '../test-support/chat-test-app';
import { WsTestClient, type Frame } from '@mosaic/kit-testing';

let server: ChatTestServer;
const clients: WsTestClient[] = [];
const connect = async (user: string, extra = '') => {
  const client = await WsTestClient.connect(server.wsUrl(user, extra), {}, { ready: 'hello' });
  clients.push(client);
  return client;
};

beforeEach(async () => {
  server = await startChatTestServer({ limits: { burst: 200, perSecond: 200, abuseAfter: 20, maxFrameBytes: 16 * 1024 } });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.kill();
  await server.close();
});

describe('/ws/chat messages', () => {
  it('acks a send with the server id and sequence and delivers it to the friend', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const alice = await connect('alice');
    const bob = await connect('bob');
    const ack = await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: 'hi bob', clientMessageId: 'c-1' }, 'ack');
    expect(ack).toMatchObject({
      type: 'ack',
      conversation: friendConversationId('alice', 'bob'),
      seq: 1,
      senderId: 'alice',
      text: 'hi bob',
      clientMessageId: 'c-1',
      duplicate: false,
    });
    expect(ack.id).toMatch(/^[0-9]+$/);
    const received = await bob.next((f) => f.type === 'message');
    expect(received).toMatchObject({ id: ack.id, seq: 1, senderId: 'alice', text: 'hi bob' });
  });

  it('stores a retried send once and acks it with the same id and sequence', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const alice = await connect('alice');
    const first = await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: 'once', clientMessageId: 'retry-1' }, 'ack');
    const again = await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: 'once', clientMessageId: 'retry-1' }, 'ack');
    expect(again).toMatchObject({ id: first.id, seq: first.seq, duplicate: true });
    const history = await alice.request({ action: 'get_friend_history_message', friend_id: 'bob' }, 'history');
    expect((history.messages as Frame[]).map((m) => m.id)).toEqual([first.id]);
  });

  it('refuses messages to non-friends and channels one is not in, and the socket stays up', async () => {
    const mallory = await connect('mallory');
    const toStranger = await mallory.request({ action: 'send_message_to_friend', friend_id: 'alice', message: 'hey', clientMessageId: 'm1' }, 'ack');
    expect(toStranger).toMatchObject({ type: 'error', code: 'not_friends', action: 'send_message_to_friend', clientMessageId: 'm1' });
    const channel = await server.useCases.createChannel.execute({ userId: 'alice', name: 'private' });
    const toChannel = await mallory.request({ action: 'send_message_to_channel', channel_id: channel.id, message: 'hey' }, 'ack');
    expect(toChannel).toMatchObject({ type: 'error', code: 'not_a_participant' });
    const history = await mallory.request({ action: 'get_channel_history_message', channel_id: channel.id }, 'history');
    expect(history).toMatchObject({ type: 'error', code: 'not_a_participant' });
    const foreign = await mallory.request({ action: 'resume', conversation: friendConversationId('alice', 'bob'), afterSeq: 0 }, 'resumed');
    expect(foreign).toMatchObject({ type: 'error', code: 'not_a_participant' });
    expect(await mallory.request({ action: 'ping' }, 'pong')).toMatchObject({ type: 'pong' });
  });

  it('delivers channel messages to every member, in order, with a sequence per channel', async () => {
    const channel = await server.useCases.createChannel.execute({ userId: 'alice', name: 'general' });
    await server.useCases.joinChannel.execute({ userId: 'bob', channelId: channel.id });
    await server.useCases.joinChannel.execute({ userId: 'carol', channelId: channel.id });
    const [alice, bob, carol] = [await connect('alice'), await connect('bob'), await connect('carol')];
    for (let i = 1; i <= 5; i += 1) alice.send({ action: 'send_message_to_channel', channel_id: channel.id, message: `m${i}` });
    for (const client of [bob, carol]) {
      await client.next((f) => f.type === 'message' && f.seq === 5);
      expect(client.ofType('message').map((m) => [m.seq, m.text])).toEqual([1, 2, 3, 4, 5].map((n) => [n, `m${n}`]));
    }
    await alice.next((f) => f.type === 'ack' && f.seq === 5);
    expect(alice.ofType('ack').map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('/ws/chat bad input', () => {
  it('answers unknown actions, malformed JSON, invalid fields and oversized messages with error frames', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const alice = await connect('alice');
    expect(await alice.request({ action: 'teleport' }, 'none')).toMatchObject({ type: 'error', code: 'unknown_action' });
    const from = alice.frames.length;
    alice.send('{not json');
    expect(await alice.next((f) => f.type === 'error', from)).toMatchObject({ code: 'malformed_json' });
    expect(await alice.request({ nothing: true }, 'none')).toMatchObject({ code: 'missing_action' });
    expect(await alice.request({ action: 'send_message_to_friend', friend_id: 42, message: 'x' }, 'ack')).toMatchObject({ code: 'validation_failed' });
    const tooLong = await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: 'é'.repeat(2049) }, 'ack');
    expect(tooLong).toMatchObject({ type: 'error', code: 'message_too_large' });
    expect(await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: '   ' }, 'ack')).toMatchObject({ code: 'empty_message' });
    expect(await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: 'x'.repeat(4096) }, 'ack')).toMatchObject({
      type: 'ack',
      seq: 1,
    });
  });

  it('closes with 1009 on a frame larger than the limit', async () => {
    const alice = await connect('alice');
    alice.send({ action: 'ping', padding: 'x'.repeat(20 * 1024) });
    expect(await alice.waitClosed()).toBe(1009);
  });

  it('refuses a flood with rate_limited, then closes with 1008 when it goes on', async () => {
    await server.close();
    server = await startChatTestServer({ limits: { burst: 5, perSecond: 1, abuseAfter: 10 } });
    const alice = await connect('alice');
    for (let i = 0; i < 40; i += 1) alice.send({ action: 'ping' });
    expect(await alice.waitClosed()).toBe(1008);
    expect(alice.ofType('pong').length).toBeLessThanOrEqual(6);
    expect(alice.ofType('error').some((f) => f.code === 'rate_limited')).toBe(true);
  });

  it('refuses an upgrade without a token', async () => {
    await expect(WsTestClient.connect(`${server.url.replace('http', 'ws')}/ws/chat`)).rejects.toThrow(/401/);
  });

  it('tells a socket its token expired and closes it with 4001', async () => {
    const alice = await connect('alice', '&expiresInMs=300');
    expect(await alice.next((f) => f.type === 'error')).toMatchObject({ code: 'token_expired' });
    expect(await alice.waitClosed()).toBe(4001);
  });
});

describe('/ws/chat typing, reads and presence', () => {
  it('pushes typing to the other side only, and read cursors lower unread counts', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const alice = await connect('alice');
    const bob = await connect('bob');
    const conversation = friendConversationId('alice', 'bob');
    alice.send({ action: 'typing', conversation });
    expect(await bob.next((f) => f.type === 'typing')).toMatchObject({ conversation, userId: 'alice' });
    const acks = [];
    for (const text of ['one', 'two', 'three']) acks.push(await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: text }, 'ack'));
    expect(await server.useCases.unreadCounts.execute({ userId: 'bob' })).toEqual([{ conversation, unread: 3, readSeq: 0 }]);
    expect(await bob.request({ action: 'read', conversation, messageId: acks[1]!.id }, 'read')).toMatchObject({ conversation, seq: 2 });
    expect(await server.useCases.unreadCounts.execute({ userId: 'bob' })).toEqual([{ conversation, unread: 1, readSeq: 2 }]);
    expect(alice.ofType('typing')).toEqual([]);
  });

  it('pushes online once for several tabs and offline when the last one closes', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const bob = await connect('bob');
    const tab1 = await connect('alice');
    const tab2 = await connect('alice');
    await bob.next((f) => f.type === 'presence' && f.userId === 'alice' && f.online === true);
    await tab1.close();
    await bob.request({ action: 'ping' }, 'pong');
    expect((await server.useCases.listFriends.execute({ userId: 'bob' })).friends).toEqual([expect.objectContaining({ userId: 'alice', online: true })]);
    await tab2.close();
    await bob.next((f) => f.type === 'presence' && f.userId === 'alice' && f.online === false);
    expect(
      bob
        .ofType('presence')
        .filter((f) => f.userId === 'alice')
        .map((f) => f.online),
    ).toEqual([true, false]);
  });
});

describe('/ws/chat resume', () => {
  it('gives a client that dropped mid-stream exactly what it missed, in order', async () => {
    await befriend(server.useCases, 'alice', 'bob');
    const alice = await connect('alice');
    let bob = await connect('bob');
    const conversation = friendConversationId('alice', 'bob');
    const sending = (async () => {
      for (let i = 1; i <= 60; i += 1)
        await alice.request({ action: 'send_message_to_friend', friend_id: 'bob', message: `n${i}`, clientMessageId: `k${i}` }, 'ack');
    })();
    await bob.next((f) => f.type === 'message' && (f.seq as number) >= 10);
    bob.kill();
    const seen = bob.ofType('message').map((m) => m.seq as number);
    const lastSeen = Math.max(...seen);
    expect(seen).toEqual(Array.from({ length: lastSeen }, (_, i) => i + 1));
    bob = await connect('bob', '&resume=1');
    bob.send({ action: 'resume', conversation, afterSeq: lastSeen });
    await sending;
    await bob.next((f) => f.type === 'message' && f.seq === 60);
    const after = bob.ofType('message').map((m) => m.seq as number);
    expect(after).toEqual(Array.from({ length: 60 - lastSeen }, (_, i) => lastSeen + i + 1));
    expect(bob.ofType('message').map((m) => m.text)).toEqual(after.map((n) => `n${n}`));
    expect(await bob.next((f) => f.type === 'resumed')).toMatchObject({ conversation });
  });
});
