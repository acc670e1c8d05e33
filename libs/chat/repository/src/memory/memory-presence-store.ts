import type { PresenceStore } from '@mosaic/chat-domain';

/** Presence holds in process memory: user → instance → expiry (ms). */
export class MemoryPresenceStore implements PresenceStore {
  private readonly holds = new Map<string, Map<string, number>>();

  private liveCount(userId: string, nowMs: number): number {
    let count = 0;
    for (const expiry of this.holds.get(userId)?.values() ?? []) if (expiry > nowMs) count += 1;
    return count;
  }

  async connect(userId: string, instance: string, nowMs: number, ttlMs: number): Promise<boolean> {
    const wasOnline = this.liveCount(userId, nowMs) > 0;
    const byInstance = this.holds.get(userId) ?? new Map<string, number>();
    byInstance.set(instance, nowMs + ttlMs);
    this.holds.set(userId, byInstance);
    return !wasOnline;
  }

  async disconnect(userId: string, instance: string, nowMs: number): Promise<boolean> {
    const removed = this.holds.get(userId)?.delete(instance) ?? false;
    return removed && this.liveCount(userId, nowMs) === 0;
  }

  async renew(userIds: readonly string[], instance: string, nowMs: number, ttlMs: number): Promise<void> {
    for (const userId of userIds) {
      const byInstance = this.holds.get(userId) ?? new Map<string, number>();
      byInstance.set(instance, nowMs + ttlMs);
      this.holds.set(userId, byInstance);
    }
  }

  async expire(nowMs: number): Promise<string[]> {
    const gone: string[] = [];
    for (const [userId, byInstance] of this.holds) {
      let expired = false;
      for (const [instance, expiry] of byInstance) {
        if (expiry <= nowMs) {
          byInstance.delete(instance);
          expired = true;
        }
      }
      if (byInstance.size === 0) this.holds.delete(userId);
      if (expired && byInstance.size === 0) gone.push(userId);
    }
    return gone;
  }

  async online(userIds: readonly string[], nowMs: number): Promise<Set<string>> {
    return new Set(userIds.filter((userId) => this.liveCount(userId, nowMs) > 0));
  }
}
