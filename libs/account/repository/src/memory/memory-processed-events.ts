import type { ProcessedEvents } from '@mosaic/account-domain';

/** The processed-events book of the embedded default; it lives as long as the process. */
export class MemoryProcessedEvents implements ProcessedEvents {
  private readonly seen = new Map<string, Set<string>>();

  async has(consumer: string, eventId: string): Promise<boolean> {
    return this.seen.get(consumer)?.has(eventId) ?? false;
  }

  async mark(consumer: string, eventId: string): Promise<void> {
    let ids = this.seen.get(consumer);
    if (!ids) this.seen.set(consumer, (ids = new Set()));
    ids.add(eventId);
  }
}
