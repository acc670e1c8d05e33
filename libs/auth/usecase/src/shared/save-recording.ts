import type { User, UserEventSink, UserRepository } from '@mosaic/auth-domain';

/** Where users are stored and where what they record goes once stored. */
export interface UserStore {
  users: UserRepository;
  userEvents: UserEventSink;
}

/**
 * Stores a user and then hands on the events it recorded. The events are taken before
 * the save (a save spends what was recorded) and reach the sink only once the change
 * is stored: a refused save (email taken, changed concurrently) reports nothing.
 */
export async function saveRecording(store: UserStore, user: User): Promise<void> {
  const events = user.pullEvents();
  await store.users.save(user);
  for (const event of events) store.userEvents.record(event);
}
