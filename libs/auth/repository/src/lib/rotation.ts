import type { RefreshTokenRecord, RefreshTokenState, RotationOutcome } from '@mosaic/auth-domain';

/** Why a rotation did not happen, by the state the presented token was in. */
export const ROTATION_OUTCOME_OF_STATE: Record<Exclude<RefreshTokenState, 'active'>, RotationOutcome> = {
  rotated: 'reused',
  revoked: 'revoked',
  expired: 'expired',
};

/** A successor in another family would move a token between sessions; that is a bug, never input. */
export function assertSameFamily(familyId: string, token: RefreshTokenRecord): void {
  if (token.familyId !== familyId) {
    throw new Error(`refresh token belongs to family ${token.familyId}, not ${familyId}`);
  }
}
