import { randomBytes } from 'node:crypto';
import type { CodeGenerator } from '@mosaic/flashsale-domain';

/** 128 random bits as 22 base64url characters: a code nobody can guess. */
export const randomCodes: CodeGenerator = {
  next: () => randomBytes(16).toString('base64url'),
};
