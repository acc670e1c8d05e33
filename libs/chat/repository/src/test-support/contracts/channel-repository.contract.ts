import type { ChannelRepository, ChannelSnapshot } from '@mosaic/chat-domain';
import { describe, expect, it } from 'vitest';
import { nextId, usePort, type PortFactory } from './port-fixture';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const aChannel = (ownerId: string, name = 'general'): ChannelSnapshot => ({
  id: nextId(),
  name,
  ownerId,
  createdAt: at(0),
  members: [{ userId: ownerId, joinedAt: at(0) }],
});

export function channelRepositoryContract(factory: PortFactory<ChannelRepository>): void {
  describe(`ChannelRepository contract [${factory.name}]`, () => {
    const channels = usePort(factory);

    it('stores a channel with its members in joining order', async () => {
      const channel = aChannel('alice');
      await channels().create(channel);
      expect(await channels().addMember(channel.id, { userId: 'bob', joinedAt: at(1) })).toBe(true);
      expect(await channels().addMember(channel.id, { userId: 'bob', joinedAt: at(2) })).toBe(false);
      expect(await channels().addMember(channel.id, { userId: 'carol', joinedAt: at(3) })).toBe(true);
      expect(await channels().get(channel.id)).toEqual({
        ...channel,
        members: [
          { userId: 'alice', joinedAt: at(0) },
          { userId: 'bob', joinedAt: at(1) },
          { userId: 'carol', joinedAt: at(3) },
        ],
      });
      expect(await channels().memberIds(channel.id)).toEqual(['alice', 'bob', 'carol']);
      expect(await channels().isMember(channel.id, 'bob')).toBe(true);
      expect(await channels().isMember(channel.id, 'dave')).toBe(false);
      expect(await channels().addMember('404', { userId: 'bob', joinedAt: at(1) })).toBe(false);
      expect(await channels().get('404')).toBeNull();
    });

    it('lists the channels of a user with their member counts', async () => {
      const first = aChannel('alice', 'first');
      const second = { ...aChannel('bob', 'second'), createdAt: at(5) };
      await channels().create(first);
      await channels().create(second);
      await channels().addMember(second.id, { userId: 'alice', joinedAt: at(6) });
      expect(await channels().channelsOf('alice')).toEqual([
        { id: first.id, name: 'first', ownerId: 'alice', createdAt: at(0), memberCount: 1 },
        { id: second.id, name: 'second', ownerId: 'bob', createdAt: at(5), memberCount: 2 },
      ]);
      expect(await channels().channelsOf('nobody')).toEqual([]);
    });

    it('removes members, hands ownership on, and ends the channel with its last member', async () => {
      const channel = aChannel('alice');
      await channels().create(channel);
      await channels().addMember(channel.id, { userId: 'bob', joinedAt: at(1) });
      expect(await channels().removeMember(channel.id, 'alice', { from: 'alice', to: 'bob' })).toBe(true);
      expect(await channels().removeMember(channel.id, 'alice')).toBe(false);
      expect((await channels().get(channel.id))?.ownerId).toBe('bob');
      expect(await channels().removeMember(channel.id, 'bob')).toBe(true);
      expect(await channels().get(channel.id)).toBeNull();
      expect(await channels().memberIds(channel.id)).toEqual([]);
    });

    it('keeps every one of many concurrent joins', async () => {
      const channel = aChannel('alice');
      await channels().create(channel);
      const users = Array.from({ length: 20 }, (_, i) => `user${i}`);
      await Promise.all(users.map((userId, i) => channels().addMember(channel.id, { userId, joinedAt: at(i + 1) })));
      expect((await channels().memberIds(channel.id)).sort()).toEqual(['alice', ...users].sort());
    });
  });
}
