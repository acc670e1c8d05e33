import { err, invalid, ok, type Result } from '@mosaic/kit-core';

export const DISPLAY_NAME_MAX_LENGTH = 100;

// Control characters break logs and terminals; bidirectional overrides make a name
// render as something other than what it is.
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** A name shown to other people: trimmed, 1–100 code points, no control or bidi-override characters. */
export function parseDisplayName(raw: string): Result<string, string> {
  if (typeof raw !== 'string') return err('must be a string');
  if (raw.length > DISPLAY_NAME_MAX_LENGTH * 4) return err(`must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  const name = raw.normalize('NFC').trim();
  if (name.length === 0) return err('must not be empty');
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH) return err(`must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
  if (FORBIDDEN.test(name)) return err('must not contain control characters');
  return ok(name);
}

export function toDisplayName(raw: string): string {
  const parsed = parseDisplayName(raw);
  if (parsed.ok) return parsed.value;
  throw invalid('invalid_name', `Name ${parsed.error}`, { details: [{ path: 'name', message: parsed.error }] });
}
