import type { Email } from './email';

/** Roles travel in access tokens; other domains read them from the principal. */
export const DEFAULT_ROLES: readonly string[] = ['user'];

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
}

export function registerUser(input: NewUser): User {
  if (!input.passwordHash) throw new TypeError('a user needs a password hash');
  return {
    id: input.id,
    email: input.email,
    name: input.name,
    passwordHash: input.passwordHash,
    roles: DEFAULT_ROLES,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export function withPasswordHash(user: User, passwordHash: string, now: Date): User {
  if (!passwordHash) throw new TypeError('a user needs a password hash');
  return { ...user, passwordHash, updatedAt: now };
}

export function profileOf(user: User): UserProfile {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}
