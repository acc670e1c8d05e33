import { describe, expect, it } from 'vitest';
import { at, nextId } from '../aggregates';
import { useBackend, type ContractBackend } from './contract-backend';

export function processedEventsContract(backend: ContractBackend): void {
  describe(`ProcessedEvents contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);

    it('remembers an event once marked, per consumer, and marking twice is harmless', async () => {
      const event = nextId();
      const { processedEvents } = adapters();
      expect(await processedEvents.has('sms', event)).toBe(false);
      await processedEvents.mark('sms', event, at());
      await processedEvents.mark('sms', event, at(1));
      expect(await processedEvents.has('sms', event)).toBe(true);
      expect(await processedEvents.has('email', event)).toBe(false);
    });
  });
}
