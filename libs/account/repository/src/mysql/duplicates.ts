import { ConcurrentModificationError } from '@mosaic/account-domain';
import { isDuplicateEntryError } from '@mosaic/kit-db';

/** A new aggregate whose id is already stored lost a race to exist: the same conflict as a stale version. */
export async function rejectingDuplicates<T>(aggregate: 'account' | 'points', id: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isDuplicateEntryError(error)) throw new ConcurrentModificationError(aggregate, id);
    throw error;
  }
}
