/**
 * Where refresh-token secrets come from: opaque, full-entropy values of which only a
 * digest is stored, so a copy of the table cannot be replayed.
 */
export interface RefreshTokenSecrets {
  /** A fresh secret for the client and the digest to store. */
  generate(): { secret: string; hash: string };
  /** The stored digest of a presented secret, or undefined when it cannot be one of ours. */
  hashOf(presented: unknown): string | undefined;
}
