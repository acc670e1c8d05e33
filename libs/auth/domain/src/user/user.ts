import type { Email } from './email';

/** Roles travel in access tokens; other domains read them from the principal. */
export const DEFAULT_ROLES: readonly string[] = ['user'];

/** Every role an account can hold; anything else is refused rather than stored. */
export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A person's account. The password hash is an encoded KDF output, never the password. */
export interface User {
  readonly id: string;
  readonly email: Email;
  readonly name: string | null;
  readonly passwordHash: string;
  readonly roles: readonly string[];
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

export function registerUser(input: NewUser): User {
  if (!input.passwordHash) throw new TypeError('a user needs a password hash');
  return {
    id: input.id,
    email: input.email,
    name: input.name,
    passwordHash: input.passwordHash,
    roles: [...new Set([...DEFAULT_ROLES, ...(input.extraRoles ?? [])])],
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export function withPasswordHash(user: User, passwordHash: string, now: Date): User {
  if (!passwordHash) throw new TypeError('a user needs a password hash');
  return { ...user, passwordHash, updatedAt: now };
}

/** The user holding `role` (granted) or not (revoked); the same user when nothing changes. */
export function withRole(user: User, role: Role, granted: boolean, now: Date): User {
  if (user.roles.includes(role) === granted) return user;
  const roles = granted ? [...user.roles, role] : user.roles.filter((held) => held !== role);
  return { ...user, roles, updatedAt: now };
}

export function profileOf(user: User): UserProfile {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}
