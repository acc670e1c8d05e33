import { adminOnly, isRole, ROLES, toEmail, unknownRole, type Role, type User } from '@mosaic/auth-domain';
import { conflict, type Clock } from '@mosaic/kit-core';
import { changeUser } from '../shared/change-user';
import type { UserStore } from '../shared/save-recording';

export interface ChangeRoleInput {
  /** The caller's roles, from a verified access token. */
  actorRoles: readonly string[];
  userId: string;
  role: string;
  granted: boolean;
}

export interface ChangeRoleDeps extends UserStore {
  clock: Clock;
}

/**
 * Grants or revokes a role (admins only). The change reaches access tokens issued
 * from then on (the next login or refresh); tokens already out keep their roles until
 * they expire, at most one access-token lifetime.
 */
export class ChangeRole {
  constructor(private readonly deps: ChangeRoleDeps) {}

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
  constructor(private readonly deps: ChangeRoleDeps) {}

  async execute(emails: readonly string[]): Promise<void> {
    for (const raw of emails) {
      const user = await this.deps.users.findByEmail(toEmail(raw));
      if (user) await setRole(this.deps, user.id, 'admin', true, user);
    }
  }
}

function setRole(deps: ChangeRoleDeps, userId: string, role: Role, granted: boolean, loaded?: User): Promise<User> {
  return changeUser(deps, userId, {
    loaded,
    apply: (user) => user.setRole(role, granted, deps.clock.now()),
    contention: () => conflict('roles_changed_concurrently', 'The roles were changed at the same time; try again'),
  });
}
