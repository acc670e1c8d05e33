export interface FriendLists {
  /** Each has asked the other. */
  readonly friends: string[];
  /** The user asked; the other has not yet. */
  readonly outgoing: string[];
  /** The other asked; the user has not yet. */
  readonly incoming: string[];
}

/** Friend asks, one row per direction: two users are friends when both rows exist. */
export interface FriendRepository {
  asks(a: string, b: string): Promise<{ aAsked: boolean; bAsked: boolean }>;
  /** Records `from` asking `to`; asking again is a no-op. */
  addAsk(from: string, to: string, at: Date): Promise<void>;
  /** Removes both directions. */
  removeBoth(a: string, b: string): Promise<void>;
  listFor(userId: string): Promise<FriendLists>;
  areFriends(a: string, b: string): Promise<boolean>;
}
