import { VersionedAggregate } from '@mosaic/kit-core';
import { linkErrors } from '../errors/link-errors';
import { ShortCode } from './short-code';
import { TargetUrl } from './target-url';

/** A link as storage and caches keep it: plain data, restored through `Link.restore`. */
export interface LinkSnapshot {
  code: string;
  url: string;
  /** The principal that created it; null for an anonymous link. */
  ownerId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface NewLink {
  code: ShortCode;
  target: TargetUrl;
  ownerId?: string | null;
  expiresAt?: Date | null;
  now: Date;
}

/**
 * The aggregate: a code that redirects to a target until it expires or its owner
 * deletes it. Immutable; a link never changes where it points, which is what lets
 * caches hold it without invalidation and lets permanent links answer 301. Being
 * written once and never changed, it stays at version 0 and records no events.
 */
export class Link extends VersionedAggregate<never, string | null> {
  /** Expiry as epoch ms (Infinity for never), so the redirect compares numbers. */
  private readonly expiresAtMs: number;

  private constructor(
    readonly code: ShortCode,
    readonly target: TargetUrl,
    ownerId: string | null,
    readonly createdAt: Date,
    readonly expiresAt: Date | null,
  ) {
    super({ version: 0, ownerId });
    this.expiresAtMs = expiresAt === null ? Infinity : expiresAt.getTime();
  }

  static create(input: NewLink): Link {
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && !(expiresAt.getTime() > input.now.getTime())) throw linkErrors.expiryNotInFuture();
    return new Link(input.code, input.target, input.ownerId ?? null, input.now, expiresAt);
  }

  static restore(snapshot: LinkSnapshot): Link {
    return new Link(ShortCode.restore(snapshot.code), TargetUrl.restore(snapshot.url), snapshot.ownerId, snapshot.createdAt, snapshot.expiresAt);
  }

  get url(): string {
    return this.target.href;
  }

  /** Expired links answer 404 as if they did not exist. */
  isExpiredAt(nowMs: number): boolean {
    return nowMs >= this.expiresAtMs;
  }

  /**
   * Nothing can ever change what this link does: no expiry, and no owner who could
   * delete it. Only such a link may redirect with a cacheable 301.
   */
  get isPermanent(): boolean {
    return this.ownerId === null && this.expiresAt === null;
  }

  /** Only the owner may delete a link; an anonymous link has no owner and stays. */
  assertDeletableBy(principalId: string): void {
    if (this.ownerId === null) throw linkErrors.anonymousLink();
    if (!this.isOwnedBy(principalId)) throw linkErrors.notOwner();
  }

  toSnapshot(): LinkSnapshot {
    return { code: this.code.value, url: this.target.href, ownerId: this.ownerId, createdAt: this.createdAt, expiresAt: this.expiresAt };
  }
}
