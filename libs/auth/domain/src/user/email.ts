import { err, invalid, ok, type Result } from '@mosaic/kit-core';

/** An email address that passed validation and normalisation; only `parseEmail` makes one. */
export type Email = string & { readonly __brand: 'Email' };

/** RFC 5321's limit on a forward path; longer input is refused before any other work. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;

// A deliberately narrow subset of RFC 5322: the characters real mailboxes use. Quoted
// local parts, comments, IP literals and raw Unicode are refused, which keeps the
// stored form ASCII (so one collation-free unique index decides duplicates) and keeps
// quoting games out of every system the address is later handed to.
const LOCAL_PART = /^[a-z0-9_%+'-]+(\.[a-z0-9_%+'-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Validates and normalises an address: surrounding whitespace is dropped and the
 * whole address lowercased, so `Ada@Example.COM` and `ada@example.com` are one account.
 */
export function parseEmail(raw: string): Result<Email, string> {
  if (typeof raw !== 'string') return err('must be a string');
  if (raw.length > EMAIL_MAX_LENGTH + 64) return err(`must be at most ${EMAIL_MAX_LENGTH} characters`);
  const email = raw.trim().toLowerCase();
  if (email.length === 0) return err('must not be empty');
  if (email.length > EMAIL_MAX_LENGTH) return err(`must be at most ${EMAIL_MAX_LENGTH} characters`);
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1 || email.indexOf('@') !== at) return err('must be a single address like name@example.com');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > LOCAL_MAX_LENGTH) return err(`the part before @ must be at most ${LOCAL_MAX_LENGTH} characters`);
  if (!LOCAL_PART.test(local)) return err('the part before @ has characters email addresses do not use');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL.test(labels[labels.length - 1])) {
    return err('the part after @ must be a domain name like example.com');
  }
  return ok(email as Email);
}

/** `parseEmail` for callers that want an error: a 400 `invalid_email`. */
export function toEmail(raw: string): Email {
  const parsed = parseEmail(raw);
  if (parsed.ok) return parsed.value;
  throw invalid('invalid_email', `Email ${parsed.error}`, { details: [{ path: 'email', message: parsed.error }] });
}
