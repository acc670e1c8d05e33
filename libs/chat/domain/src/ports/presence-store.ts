/**
 * Who is connected, per user and per server instance. An instance holds a user online
 * for `ttlMs` at a time and keeps renewing it while the user stays connected; an
 * instance that dies stops renewing, and `expire` later reports its users offline.
 * Several connections of one user on one instance are counted by the instance, not here.
 */
export interface PresenceStore {
  /** Marks the user online through `instance` until now + ttl; true when the user was offline before. */
  connect(userId: string, instance: string, nowMs: number, ttlMs: number): Promise<boolean>;
  /** The instance no longer holds the user; true when the user is now offline everywhere. */
  disconnect(userId: string, instance: string, nowMs: number): Promise<boolean>;
  /** Renews the instance's hold on these users. */
  renew(userIds: readonly string[], instance: string, nowMs: number, ttlMs: number): Promise<void>;
  /** Drops expired holds; the users now offline everywhere (each reported once, to one caller). */
  expire(nowMs: number): Promise<string[]>;
  online(userIds: readonly string[], nowMs: number): Promise<Set<string>>;
}
