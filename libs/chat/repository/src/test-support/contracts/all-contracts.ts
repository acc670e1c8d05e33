import type { ChatAdapters } from '../../create-chat-adapters';
import { channelRepositoryContract } from './channel-repository.contract';
import { chatBusContract } from './chat-bus.contract';
import { friendRepositoryContract } from './friend-repository.contract';
import { messageRepositoryContract, readCursorContract } from './message-repository.contract';
import { presenceStoreContract } from './presence-store.contract';

/** Every chat contract over one way of building the adapters (all memory, say). */
export function allChatContracts(name: string, open: () => Promise<{ adapters: ChatAdapters; close(): Promise<void> }>): void {
  const port = <K extends keyof ChatAdapters>(key: K) => ({
    name,
    open: async () => {
      const { adapters, close } = await open();
      return { port: adapters[key], close };
    },
  });
  messageRepositoryContract(port('messages'));
  readCursorContract(port('readCursors'));
  friendRepositoryContract(port('friends'));
  channelRepositoryContract(port('channels'));
  presenceStoreContract(port('presence'));
  chatBusContract(port('bus'));
}
