import type { FriendRepository } from '@mosaic/chat-domain';
import { describe, expect, it } from 'vitest';
import { usePort, type PortFactory } from './port-fixture';

export function friendRepositoryContract(factory: PortFactory<FriendRepository>): void {
  describe(`FriendRepository contract [${factory.name}]`, () => {
    const friends = usePort(factory);
    const at = new Date(Date.UTC(2026, 0, 1));

    it('records asks per direction; both directions make friends', async () => {
      await friends().addAsk('alice', 'bob', at);
      await friends().addAsk('alice', 'bob', at);
      expect(await friends().asks('alice', 'bob')).toEqual({ aAsked: true, bAsked: false });
      expect(await friends().asks('bob', 'alice')).toEqual({ aAsked: false, bAsked: true });
      expect(await friends().areFriends('alice', 'bob')).toBe(false);
      await friends().addAsk('carol', 'alice', at);
      expect(await friends().listFor('alice')).toEqual({ friends: [], outgoing: ['bob'], incoming: ['carol'] });
      await friends().addAsk('bob', 'alice', at);
      expect(await friends().areFriends('bob', 'alice')).toBe(true);
      expect(await friends().listFor('alice')).toEqual({ friends: ['bob'], outgoing: [], incoming: ['carol'] });
      expect(await friends().listFor('bob')).toEqual({ friends: ['alice'], outgoing: [], incoming: [] });
    });

    it('removes both directions at once', async () => {
      await Promise.all([friends().addAsk('alice', 'bob', at), friends().addAsk('bob', 'alice', at)]);
      expect(await friends().areFriends('alice', 'bob')).toBe(true);
      await friends().removeBoth('bob', 'alice');
      expect(await friends().asks('alice', 'bob')).toEqual({ aAsked: false, bAsked: false });
      expect(await friends().listFor('alice')).toEqual({ friends: [], outgoing: [], incoming: [] });
    });
  });
}
