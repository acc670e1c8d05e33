import type { FriendLists, FriendRepository } from '@mosaic/chat-domain';

/** Friend asks in process memory: a set of "from → to" pairs. */
export class MemoryFriendRepository implements FriendRepository {
  private readonly asked = new Map<string, Set<string>>();

  private has(from: string, to: string): boolean {
    return this.asked.get(from)?.has(to) ?? false;
  }

  async asks(a: string, b: string): Promise<{ aAsked: boolean; bAsked: boolean }> {
    return { aAsked: this.has(a, b), bAsked: this.has(b, a) };
  }

  async addAsk(from: string, to: string): Promise<void> {
    const targets = this.asked.get(from) ?? new Set<string>();
    targets.add(to);
    this.asked.set(from, targets);
  }

  async removeBoth(a: string, b: string): Promise<void> {
    this.asked.get(a)?.delete(b);
    this.asked.get(b)?.delete(a);
  }

  async listFor(userId: string): Promise<FriendLists> {
    const outgoingAll = [...(this.asked.get(userId) ?? [])];
    const incomingAll = [...this.asked.entries()].filter(([from, targets]) => from !== userId && targets.has(userId)).map(([from]) => from);
    const incomingSet = new Set(incomingAll);
    const friends = outgoingAll.filter((other) => incomingSet.has(other));
    const friendSet = new Set(friends);
    return {
      friends: friends.sort(),
      outgoing: outgoingAll.filter((other) => !friendSet.has(other)).sort(),
      incoming: incomingAll.filter((other) => !friendSet.has(other)).sort(),
    };
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    return this.has(a, b) && this.has(b, a);
  }
}
