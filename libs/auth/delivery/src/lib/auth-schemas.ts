import { EMAIL_MAX_LENGTH, parseDisplayName, parseEmail, passwordProblem, PASSWORD_MAX_LENGTH, ROLES } from '@mosaic/auth-domain';
import { z } from 'zod';

// The domain owns the rules; these schemas report them per field before a use case
// runs, and bound every string so oversized input stops here.
const email = z
  .string()
  .max(EMAIL_MAX_LENGTH + 64, `must be at most ${EMAIL_MAX_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const parsed = parseEmail(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const newPassword = z
  .string()
  .max(PASSWORD_MAX_LENGTH * 4, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const name = z
  .string()
  .max(400)
  .superRefine((value, ctx) => {
    const parsed = parseDisplayName(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

// Unknown fields (`roles`, `id`, …) are dropped, never passed on.
export const registerBody = z.object({ email, password: newPassword, name: name.nullish() });

// No strength rules on login: a password set under an older policy must still work.
export const loginBody = z.object({
  email,
  password: z
    .string()
    .min(1, 'must not be empty')
    .max(PASSWORD_MAX_LENGTH * 4, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
});

// Generous on length so a wrong kind of token (an access token) gets the precise 401
// from the use case; the bound only stops abuse.
export const refreshTokenBody = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(4096, 'is too long') });

const anyPassword = z
  .string()
  .min(1, 'must not be empty')
  .max(PASSWORD_MAX_LENGTH * 4, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

// The new password's rules (length, guessability, not the email) are the use case's:
// it answers 400 weak_password naming `newPassword`.
export const changePasswordBody = z.object({ currentPassword: anyPassword, newPassword: anyPassword });

export const roleParams = z.object({
  id: z.string().regex(/^[0-9]{1,20}$/, 'must be a user id'),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
});
