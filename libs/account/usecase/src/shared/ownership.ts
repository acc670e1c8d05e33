import { accountNotFound, pointsNotFound, type Account, type AccountRepository, type Points, type PointsRepository } from '@mosaic/account-domain';
import { isAdmin, type Actor } from './actor';

/**
 * Owners act on their own aggregates only. A foreign one is reported exactly like a
 * missing one, so nobody learns which ids exist.
 */
export async function ownedAccount(accounts: AccountRepository, id: string, actor: Actor): Promise<Account> {
  const account = await accounts.findById(id);
  if (!account || !account.isOwnedBy(actor.userId)) throw accountNotFound(id);
  return account;
}

/** Reading is also open to admins (support staff looking at a statement). */
export async function readableAccount(accounts: AccountRepository, id: string, actor: Actor): Promise<Account> {
  const account = await accounts.findById(id);
  if (!account || !(account.isOwnedBy(actor.userId) || isAdmin(actor))) throw accountNotFound(id);
  return account;
}

export async function ownedPoints(points: PointsRepository, id: string, actor: Actor): Promise<Points> {
  const found = await points.findById(id);
  if (!found || !found.isOwnedBy(actor.userId)) throw pointsNotFound(id);
  return found;
}

export async function readablePoints(points: PointsRepository, id: string, actor: Actor): Promise<Points> {
  const found = await points.findById(id);
  if (!found || !(found.isOwnedBy(actor.userId) || isAdmin(actor))) throw pointsNotFound(id);
  return found;
}
