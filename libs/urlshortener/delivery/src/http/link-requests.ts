import { z } from 'zod';

/**
 * Request shapes only: types and unknown fields. What makes a URL or an alias
 * acceptable is the domain's rule, applied by the use case, so every transport
 * refuses the same things with the same codes.
 */
export const createLinkBody = z.strictObject({
  url: z.string(),
  alias: z.string().nullish(),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-31T23:59:59Z' }).nullish(),
});

/** The seed's `POST /api/v1/data/shorten`: extra fields are ignored, as the seed did. */
export const seedShortenBody = z.object({
  longURL: z.string(),
});

/** A short code in the path; the use cases judge whether it can exist. */
export const linkCodeParams = z.object({ code: z.string() });
