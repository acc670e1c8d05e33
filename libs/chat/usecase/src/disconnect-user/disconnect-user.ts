import type { ChatDeps } from '../shared/chat-deps';
import { publishPresence } from '../shared/presence-notices';

/** An instance lost the user's last connection: offline when no other instance holds them. */
export class DisconnectUser {
  constructor(private readonly deps: Pick<ChatDeps, 'presence' | 'friends' | 'bus' | 'clock'>) {}

  async execute(command: { userId: string; instance: string }): Promise<void> {
    if (await this.deps.presence.disconnect(command.userId, command.instance, this.deps.clock.nowMs())) {
      await publishPresence(this.deps, command.userId, false);
    }
  }
}
