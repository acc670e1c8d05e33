import type { Account, DomainEvent, Points, TransactionScope } from '@mosaic/account-domain';
import { saveInLockOrder } from './lock-order';

/**
 * Stores a change and the domain events its aggregates recorded, in the caller's unit
 * of work. The events are taken before the saves (a save spends what was recorded),
 * accounts are saved before points and in lock order, and the outbox gets the events
 * in the order they were recorded.
 */
export async function saveRecording(tx: TransactionScope, changed: { accounts?: readonly Account[]; points?: readonly Points[] }): Promise<void> {
  const accounts = changed.accounts ?? [];
  const points = changed.points ?? [];
  const events: DomainEvent[] = [...accounts, ...points].flatMap((aggregate) => aggregate.pullEvents());
  await saveInLockOrder(tx.accounts, accounts);
  for (const each of points) await tx.points.save(each);
  if (events.length > 0) await tx.outbox.add(events);
}
