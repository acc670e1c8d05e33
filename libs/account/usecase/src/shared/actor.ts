/** Who asks for a use case: the authenticated user, as the delivery learned it. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
}

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');
