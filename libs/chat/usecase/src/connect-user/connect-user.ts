import type { ChatDeps } from '../shared/chat-deps';
import { publishPresence, type PresenceSettings } from '../shared/presence-notices';

/** An instance took the user's first connection: online, and friends told when that is news. */
export class ConnectUser {
  constructor(private readonly deps: Pick<ChatDeps, 'presence' | 'friends' | 'bus' | 'clock'> & PresenceSettings) {}

  async execute(command: { userId: string; instance: string }): Promise<void> {
    if (await this.deps.presence.connect(command.userId, command.instance, this.deps.clock.nowMs(), this.deps.ttlMs)) {
      await publishPresence(this.deps, command.userId, true);
    }
  }
}
