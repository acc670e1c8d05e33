import { isUserChangedConcurrently, userNotFound, type User } from '@mosaic/auth-domain';
import type { AppError } from '@mosaic/kit-core';
import { saveRecording, type UserStore } from './save-recording';

/** Loads of the user when another change landed between loading and saving. */
const ATTEMPTS = 5;

export interface UserChange {
  /** Applies the change; resolves whether anything changed (nothing to save otherwise). May throw to refuse. */
  apply(user: User): boolean;
  /** What the caller hears when other changes kept landing first. */
  contention(): AppError;
  /** Already loaded by the caller, to spare the first read. */
  loaded?: User;
}

/**
 * The shape of every change to an existing user: load it, apply the change, save it
 * with what it recorded under the version it was loaded at. When another change was
 * stored in between, it loads again and the change decides again on what is stored
 * now, so no decision is applied to a stale user.
 */
export async function changeUser(store: UserStore, userId: string, change: UserChange): Promise<User> {
  let loaded = change.loaded;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const user = loaded ?? (await store.users.findById(userId));
    loaded = undefined;
    if (!user) throw userNotFound();
    if (!change.apply(user)) return user;
    try {
      await saveRecording(store, user);
      return user;
    } catch (error) {
      if (!isUserChangedConcurrently(error)) throw error;
    }
  }
  throw change.contention();
}
