import { userNotFound, type UserProfile, type UserRepository } from '@mosaic/auth-domain';

export interface GetCurrentUserInput {
  /** From a verified access token, never from the request body. */
  userId: string;
}

export class GetCurrentUser {
  constructor(private readonly deps: { users: UserRepository }) {}

  async execute(input: GetCurrentUserInput): Promise<UserProfile> {
    const user = await this.deps.users.findById(input.userId);
    if (!user) throw userNotFound();
    return user.profile();
  }
}
