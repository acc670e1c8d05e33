import { messageQueueContract } from '../contract/message-queue-contract';
import { MemoryMessageQueue } from './memory-message-queue';

messageQueueContract('memory', () => new MemoryMessageQueue());
