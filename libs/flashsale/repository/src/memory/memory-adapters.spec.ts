import { createMemoryCache } from '@mosaic/kit-cache';
import { createFlashsaleAdapters } from '../create-flashsale-adapters';
import { CacheSaleGate } from '../gate/cache-sale-gate';
import { gateContract } from '../test-support/gate-contract';
import { storeContract } from '../test-support/store-contract';

storeContract({ name: 'memory', setUp: async () => createFlashsaleAdapters(), tearDown: async () => undefined });
gateContract({ name: 'memory cache', setUp: async () => new CacheSaleGate(createMemoryCache()), tearDown: async () => undefined });
