import { describe, expect, it } from 'vitest';
import { ZxcvbnPasswordStrength } from './zxcvbn-password-strength';

describe('ZxcvbnPasswordStrength', () => {
  const strength = new ZxcvbnPasswordStrength();
  const context = { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' };

  it.each(['password123', 'qwertyuiop', 'iloveyou12', 'Password1!', 'letmein2024'])('refuses the common password %s', (password) => {
    expect(strength.weakness(password, context)).toMatch(/^is too easy to guess/);
  });

  it('refuses the account’s own email, its local part and its name', () => {
    expect(strength.weakness('ada.lovelace@example.com', context)).toMatch(/^is too easy to guess/);
    expect(strength.weakness('ada.lovelace', context)).toMatch(/^is too easy to guess/);
    expect(strength.weakness('adalovelace', context)).toMatch(/^is too easy to guess/);
  });

  it.each(['correct horse battery staple', 'Tr0ub4dor&3', 'xK9#mq2!zr'])('accepts %s', (password) => {
    expect(strength.weakness(password, context)).toBeUndefined();
  });
});
