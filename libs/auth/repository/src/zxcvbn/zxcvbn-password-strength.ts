import type { PasswordContext, PasswordStrength } from '@mosaic/auth-domain';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's scores: 0 and 1 mean fewer than a million guesses, which an online attack
 * gets through; common passwords, keyboard walks and the account's own email and name
 * all land there.
 */
export const MIN_PASSWORD_SCORE = 2;

let configured = false;

/** The PasswordStrength port on `@zxcvbn-ts` with the common and English dictionaries. */
export class ZxcvbnPasswordStrength implements PasswordStrength {
  constructor(private readonly minScore = MIN_PASSWORD_SCORE) {
    if (!configured) {
      zxcvbnOptions.setOptions({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      });
      configured = true;
    }
  }

  weakness(password: string, context: PasswordContext): string | undefined {
    const email = context.email.toLowerCase();
    const inputs = [email, email.slice(0, email.lastIndexOf('@')), ...(context.name ? [context.name] : [])];
    const result = zxcvbn(password, inputs);
    if (result.score >= this.minScore) return undefined;
    const warning = result.feedback.warning;
    return `is too easy to guess${warning ? ` (${warning.replace(/\.$/, '').toLowerCase()})` : ''}`;
  }
}
