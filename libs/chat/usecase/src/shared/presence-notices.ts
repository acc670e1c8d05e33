import type { ChatDeps } from './chat-deps';

/** Pushes a user's change of presence to their friends (and their own other tabs). */
export async function publishPresence(deps: Pick<ChatDeps, 'friends' | 'bus'>, userId: string, online: boolean): Promise<void> {
  const { friends } = await deps.friends.listFor(userId);
  await deps.bus.publish(userId, { kind: 'presence', recipients: [userId, ...friends], userId, online });
}

export interface PresenceSettings {
  /** How long an instance's hold on a user lasts without renewal. */
  readonly ttlMs: number;
}
