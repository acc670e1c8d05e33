/**
 * Which events a consumer has already handled, so redelivered events (delivery is at
 * least once) have no second effect. Keyed by consumer, so two consumers of the same
 * event keep separate books.
 */
export interface ProcessedEvents {
  has(consumer: string, eventId: string): Promise<boolean>;
  /** Idempotent: marking twice is fine. */
  mark(consumer: string, eventId: string, at: Date): Promise<void>;
}
