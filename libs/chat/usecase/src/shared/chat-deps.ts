import type { ChannelRepository, ChatBus, FriendRepository, MessageRepository, PresenceStore, ReadCursorRepository } from '@mosaic/chat-domain';
import type { Clock, IdGenerator } from '@mosaic/kit-core';

/** The ports every chat use case draws from. */
export interface ChatDeps {
  readonly messages: MessageRepository;
  readonly readCursors: ReadCursorRepository;
  readonly friends: FriendRepository;
  readonly channels: ChannelRepository;
  readonly presence: PresenceStore;
  readonly bus: ChatBus;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** History and resume pages hold at most this many messages. */
export const MAX_PAGE = 100;
