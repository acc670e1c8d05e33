import { Channel, channelNotFound } from '@mosaic/chat-domain';
import type { ChatDeps } from './chat-deps';

export async function loadChannel(deps: Pick<ChatDeps, 'channels'>, channelId: string): Promise<Channel> {
  const snapshot = await deps.channels.get(channelId);
  if (!snapshot) throw channelNotFound();
  return Channel.restore(snapshot);
}
