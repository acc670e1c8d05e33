import { adminOnly, isRole, ROLES, toEmail, unknownRole, userNotFound, withRole, type Role, type UserRepository } from '@mosaic/auth-domain';
import { conflict, type Clock } from '@mosaic/kit-core';

export interface ChangeRoleInput {
  /** The caller's roles, from a verified access token. */
  actorRoles: readonly string[];
  userId: string;
  role: string;
  granted: boolean;
}

/** Retries of the compare-and-set when another change landed in between. */
const ATTEMPTS = 5;

/**
 * Grants or revokes a role (admins only). The change reaches access tokens issued
 * from then on (the next login or refresh); tokens already out keep their roles until
 * they expire, at most one access-token lifetime.
 */
export class ChangeRole {
  constructor(private readonly deps: { users: UserRepository; clock: Clock }) {}

  async execute(input: ChangeRoleInput): Promise<void> {
    if (!input.actorRoles.includes('admin')) throw adminOnly();
    if (!isRole(input.role)) throw unknownRole(input.role, ROLES);
    await setRole(this.deps, input.userId, input.role, input.granted);
  }
}

/**
 * Makes the accounts with these emails administrators, at start-up: the way the first
 * admin comes to exist. Emails without an account are left for registration.
 */
export class BootstrapAdmins {
  constructor(private readonly deps: { users: UserRepository; clock: Clock }) {}

  async execute(emails: readonly string[]): Promise<void> {
    for (const raw of emails) {
      const user = await this.deps.users.findByEmail(toEmail(raw));
      if (user) await setRole(this.deps, user.id, 'admin', true);
    }
  }
}

async function setRole(deps: { users: UserRepository; clock: Clock }, userId: string, role: Role, granted: boolean): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const user = await deps.users.findById(userId);
    if (!user) throw userNotFound();
    const next = withRole(user, role, granted, deps.clock.now());
    if (next === user) return;
    if (await deps.users.replaceRoles(user.id, user.roles, next.roles, next.updatedAt)) return;
  }
  throw conflict('roles_changed_concurrently', 'The roles were changed at the same time; try again');
}
