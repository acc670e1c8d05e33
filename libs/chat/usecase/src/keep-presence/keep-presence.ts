import type { ChatDeps } from '../shared/chat-deps';
import { publishPresence, type PresenceSettings } from '../shared/presence-notices';

/**
 * The heartbeat of one instance: renews its hold on its connected users, then sweeps
 * holds nobody renewed (an instance that died) and reports those users offline.
 * Returns who went offline.
 */
export class KeepPresence {
  constructor(private readonly deps: Pick<ChatDeps, 'presence' | 'friends' | 'bus' | 'clock'> & PresenceSettings) {}

  async execute(command: { instance: string; userIds: readonly string[] }): Promise<string[]> {
    const now = this.deps.clock.nowMs();
    if (command.userIds.length > 0) await this.deps.presence.renew(command.userIds, command.instance, now, this.deps.ttlMs);
    const gone = await this.deps.presence.expire(now);
    for (const userId of gone) await publishPresence(this.deps, userId, false);
    return gone;
  }
}
