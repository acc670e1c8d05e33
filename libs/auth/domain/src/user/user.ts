import { VersionedAggregate } from '@mosaic/kit-core';
import type { UserEvent } from '../events/user-events';
import type { Email } from './email';

/** Roles travel in access tokens; other domains read them from the principal. */
export const DEFAULT_ROLES: readonly string[] = ['user'];

/** Every role an account can hold; anything else is refused rather than stored. */
export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A user as stored: what a repository loads (`User.restore`) and writes (`snapshot()`). */
export interface UserSnapshot {
  readonly id: string;
  readonly email: Email;
  readonly name: string | null;
  /** An encoded KDF output, never the password. */
  readonly passwordHash: string;
  readonly roles: readonly string[];
  /** How many times it was saved; 0 for a user not yet stored. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What the account owner (and nobody else) may see of an account. */
export interface UserProfile {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
}

export interface NewUser {
  id: string;
  email: Email;
  name: string | null;
  passwordHash: string;
  now: Date;
  /** Beyond the default ones, e.g. `admin` for a configured administrator's email. */
  extraRoles?: readonly Role[];
}

/**
 * A person's account, the auth aggregate root. Its owner is the user itself. It always
 * has a password hash and never holds a role twice; each change that means something
 * to the person or to operators (registration, a new password, a role granted or
 * revoked) records its event, so use cases only store and hand on what it recorded.
 * The email is its identity for signing in and never changes.
 */
export class User extends VersionedAggregate<UserEvent> {
  private hash: string;
  private heldRoles: readonly string[];
  private changedAt: Date;

  private constructor(
    readonly id: string,
    readonly email: Email,
    readonly name: string | null,
    readonly createdAt: Date,
    state: { passwordHash: string; roles: readonly string[]; updatedAt: Date; version: number },
  ) {
    super({ version: state.version, ownerId: id });
    this.hash = state.passwordHash;
    this.heldRoles = state.roles;
    this.changedAt = state.updatedAt;
  }

  static register(input: NewUser): User {
    assertHash(input.passwordHash);
    const roles = [...new Set([...DEFAULT_ROLES, ...(input.extraRoles ?? [])])];
    const user = new User(input.id, input.email, input.name, input.now, { passwordHash: input.passwordHash, roles, updatedAt: input.now, version: 0 });
    user.record({ type: 'user.registered', userId: user.id, email: user.email, roles, occurredAt: input.now });
    return user;
  }

  static restore(snapshot: UserSnapshot): User {
    return new User(snapshot.id, snapshot.email, snapshot.name, snapshot.createdAt, {
      passwordHash: snapshot.passwordHash,
      roles: [...snapshot.roles],
      updatedAt: snapshot.updatedAt,
      version: snapshot.version,
    });
  }

  get passwordHash(): string {
    return this.hash;
  }

  get roles(): readonly string[] {
    return this.heldRoles;
  }

  get updatedAt(): Date {
    return this.changedAt;
  }

  /** A new password, chosen by the person: every other session should end with it. */
  changePassword(passwordHash: string, now: Date): void {
    assertHash(passwordHash);
    this.hash = passwordHash;
    this.changedAt = now;
    this.record({ type: 'user.password-changed', userId: this.id, occurredAt: now });
  }

  /**
   * The same password hashed under the current cost, replacing a weaker hash while the
   * password is at hand. Nothing changed for the person, so it records nothing.
   */
  rehashPassword(passwordHash: string, now: Date): void {
    assertHash(passwordHash);
    this.hash = passwordHash;
    this.changedAt = now;
  }

  /** @returns whether anything changed: granting a held role (or revoking one not held) records nothing. */
  setRole(role: Role, granted: boolean, now: Date): boolean {
    if (this.heldRoles.includes(role) === granted) return false;
    this.heldRoles = granted ? [...this.heldRoles, role] : this.heldRoles.filter((held) => held !== role);
    this.changedAt = now;
    this.record({ type: granted ? 'user.role-granted' : 'user.role-revoked', userId: this.id, role, occurredAt: now });
    return true;
  }

  profile(): UserProfile {
    return { id: this.id, email: this.email, name: this.name, createdAt: this.createdAt };
  }

  snapshot(): UserSnapshot {
    return {
      id: this.id,
      email: this.email,
      name: this.name,
      passwordHash: this.hash,
      roles: [...this.heldRoles],
      version: this.version,
      createdAt: this.createdAt,
      updatedAt: this.changedAt,
    };
  }
}

function assertHash(passwordHash: string): void {
  if (!passwordHash) throw new TypeError('a user needs a password hash');
}
