import type { MessageRepository, NewMessage, ReadCursorRepository } from '@mosaic/chat-domain';
import { describe, expect, it } from 'vitest';
import { nextId, usePort, type PortFactory } from './port-fixture';

const draft = (conversation: string, senderId: string, text: string, clientMessageId: string | null = null): NewMessage => ({
  id: nextId(),
  conversation,
  senderId,
  text,
  clientMessageId,
  sentAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 123)),
});

export function messageRepositoryContract(factory: PortFactory<MessageRepository>): void {
  describe(`MessageRepository contract [${factory.name}]`, () => {
    const repo = usePort(factory);

    it('gives each conversation its own sequence from 1 and keeps what was stored', async () => {
      const first = await repo().append(draft('friend:a:b', 'a', 'hello', 'c1'));
      const other = await repo().append(draft('channel:9', 'a', 'elsewhere'));
      const second = await repo().append(draft('friend:a:b', 'b', 'hi'));
      expect([first.message.seq, second.message.seq, other.message.seq]).toEqual([1, 2, 1]);
      expect(first.duplicate).toBe(false);
      expect(await repo().findById('friend:a:b', first.message.id)).toEqual(first.message);
      expect(await repo().findById('channel:9', first.message.id)).toBeNull();
      expect(first.message).toEqual({
        ...first.message,
        text: 'hello',
        senderId: 'a',
        clientMessageId: 'c1',
        sentAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 123)),
      });
    });

    it('never gives two concurrent appends the same sequence', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => repo().append(draft('channel:busy', `u${i % 4}`, `m${i}`))));
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      // Distinct and increasing; a sequence handed to a send that lost a race may stay
      // unused (the Mongo adapter's counter), which resume tolerates: it asks for "after".
      expect(new Set(seqs).size).toBe(40);
      expect(seqs[0]).toBeGreaterThanOrEqual(1);
      expect((await repo().after('channel:busy', 0, 100)).map((m) => m.seq)).toEqual(seqs);
    });

    it('stores a (conversation, sender, clientMessageId) once, even when retried concurrently', async () => {
      const retries = await Promise.all(Array.from({ length: 8 }, () => repo().append(draft('friend:a:b', 'a', 'once', 'same-key'))));
      const ids = new Set(retries.map((r) => r.message.id));
      expect(ids.size).toBe(1);
      expect(retries.filter((r) => !r.duplicate)).toHaveLength(1);
      const otherSender = await repo().append(draft('friend:a:b', 'b', 'mine', 'same-key'));
      expect(otherSender.duplicate).toBe(false);
      expect((await repo().after('friend:a:b', 0, 100)).map((m) => m.text)).toEqual(['once', 'mine']);
    });

    it('pages history newest first before a sequence, and reads after a sequence oldest first', async () => {
      for (let i = 1; i <= 7; i += 1) await repo().append(draft('friend:a:b', i % 2 ? 'a' : 'b', `m${i}`));
      expect((await repo().history('friend:a:b', { limit: 3 })).map((m) => m.seq)).toEqual([7, 6, 5]);
      expect((await repo().history('friend:a:b', { beforeSeq: 5, limit: 3 })).map((m) => m.seq)).toEqual([4, 3, 2]);
      expect((await repo().history('friend:a:b', { beforeSeq: 2, limit: 3 })).map((m) => m.seq)).toEqual([1]);
      expect((await repo().after('friend:a:b', 4, 2)).map((m) => m.seq)).toEqual([5, 6]);
      expect(await repo().after('friend:a:b', 7, 10)).toEqual([]);
      expect(await repo().countAfter('friend:a:b', 2, 'a')).toBe(2);
      expect(await repo().countAfter('friend:a:b', 0, 'nobody')).toBe(7);
      expect(await repo().history('channel:none', { limit: 5 })).toEqual([]);
    });
  });
}

export function readCursorContract(factory: PortFactory<ReadCursorRepository>): void {
  describe(`ReadCursorRepository contract [${factory.name}]`, () => {
    const cursors = usePort(factory);

    it('moves a cursor forward only, per user and conversation', async () => {
      expect(await cursors().advance('bob', 'friend:a:b', 3)).toBe(3);
      expect(await cursors().advance('bob', 'friend:a:b', 2)).toBe(3);
      expect(await cursors().advance('bob', 'friend:a:b', 5)).toBe(5);
      await cursors().advance('carol', 'friend:a:b', 1);
      expect(await cursors().cursors('bob', ['friend:a:b', 'channel:1'])).toEqual(new Map([['friend:a:b', 5]]));
      expect(await cursors().cursors('bob', [])).toEqual(new Map());
    });

    it('keeps the furthest of concurrent advances', async () => {
      await Promise.all([4, 9, 2, 7].map((seq) => cursors().advance('bob', 'channel:1', seq)));
      expect((await cursors().cursors('bob', ['channel:1'])).get('channel:1')).toBe(9);
    });
  });
}
