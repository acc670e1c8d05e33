import { createMemoryChatAdapters } from '../create-chat-adapters';
import { allChatContracts } from '../test-support/contracts/all-contracts';

allChatContracts('memory', async () => ({ adapters: await createMemoryChatAdapters(), close: async () => undefined }));
