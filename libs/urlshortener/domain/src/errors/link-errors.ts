import { AppError, conflict, forbidden, invalid, notFound } from '@mosaic/kit-core';

/**
 * Every error the shortener raises, in one place, so its codes form a stable,
 * documented vocabulary for clients. Transports map the kind to a status.
 */
export const linkErrors = {
  invalidUrl: (message: string) => invalid('invalid_url', message, { details: [{ path: 'url', message }] }),
  urlTooLong: (max: number) =>
    invalid('url_too_long', `url must be at most ${max} characters`, { details: [{ path: 'url', message: `longer than ${max} characters` }] }),
  unsupportedScheme: (scheme: string) =>
    invalid('unsupported_scheme', `Only http and https URLs can be shortened, not "${scheme}"`, {
      details: [{ path: 'url', message: `scheme "${scheme}" is not allowed` }],
    }),
  urlHasCredentials: () =>
    invalid('url_has_credentials', 'URLs with a user name or password cannot be shortened', {
      details: [{ path: 'url', message: 'must not contain credentials' }],
    }),
  selfReferencingUrl: (host: string) =>
    invalid('self_referencing_url', `url points back at this shortener (${host})`, {
      details: [{ path: 'url', message: 'must not point at the shortener itself' }],
    }),
  invalidAlias: (message: string) => invalid('invalid_alias', message, { details: [{ path: 'alias', message }] }),
  reservedAlias: (alias: string) =>
    invalid('reserved_alias', `"${alias}" is a reserved word and cannot be an alias`, { details: [{ path: 'alias', message: 'reserved word' }] }),
  aliasTaken: (alias: string) => conflict('alias_taken', `The alias "${alias}" is already taken`),
  expiryNotInFuture: () => invalid('expiry_in_past', 'expiresAt must be in the future', { details: [{ path: 'expiresAt', message: 'must be in the future' }] }),
  linkNotFound: (code: string) => notFound('link_not_found', `No link with code "${code}"`),
  anonymousLink: () => forbidden('link_not_deletable', 'This link was created anonymously and cannot be deleted'),
  notOwner: () => forbidden('not_link_owner', 'Only the owner of this link can delete it'),
  codeSpaceExhausted: () => new AppError('unavailable', 'code_generation_failed', 'Could not find a free short code; try again', { retryAfterSeconds: 1 }),
};
