import { describeOrderHistoryContract } from '../test-support/order-history-contract';
import { MemoryOrderHistory } from './memory-order-history';

describeOrderHistoryContract('memory', async () => new MemoryOrderHistory());
