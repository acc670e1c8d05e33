import type { FriendLists, FriendRepository } from '@mosaic/chat-domain';
import type { MysqlPool } from '@mosaic/kit-db';
import type { RowDataPacket } from 'mysql2/promise';
import { backendCall } from '../shared/backend-call';

interface AskRow extends RowDataPacket {
  requester_id: string;
  addressee_id: string;
}

/** Friend asks in MySQL: one row per direction, written with INSERT IGNORE so asking twice is harmless. */
export class MysqlFriendRepository implements FriendRepository {
  constructor(private readonly pool: MysqlPool) {}

  asks(a: string, b: string): Promise<{ aAsked: boolean; bAsked: boolean }> {
    return backendCall('friend', async () => {
      const [rows] = await this.pool.execute<AskRow[]>(
        'SELECT requester_id, addressee_id FROM chat_friend_asks WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)',
        [a, b, b, a],
      );
      return { aAsked: rows.some((row) => row.requester_id === a), bAsked: rows.some((row) => row.requester_id === b) };
    });
  }

  addAsk(from: string, to: string, at: Date): Promise<void> {
    return backendCall('friend', async () => {
      await this.pool.execute('INSERT IGNORE INTO chat_friend_asks (requester_id, addressee_id, created_at) VALUES (?, ?, ?)', [from, to, at]);
    });
  }

  removeBoth(a: string, b: string): Promise<void> {
    return backendCall('friend', async () => {
      await this.pool.execute('DELETE FROM chat_friend_asks WHERE (requester_id = ? AND addressee_id = ?) OR (requester_id = ? AND addressee_id = ?)', [
        a,
        b,
        b,
        a,
      ]);
    });
  }

  listFor(userId: string): Promise<FriendLists> {
    return backendCall('friend', async () => {
      const [rows] = await this.pool.execute<AskRow[]>('SELECT requester_id, addressee_id FROM chat_friend_asks WHERE requester_id = ? OR addressee_id = ?', [
        userId,
        userId,
      ]);
      const outgoing = new Set(rows.filter((row) => row.requester_id === userId).map((row) => row.addressee_id));
      const incoming = new Set(rows.filter((row) => row.addressee_id === userId).map((row) => row.requester_id));
      const friends = [...outgoing].filter((other) => incoming.has(other));
      const friendSet = new Set(friends);
      return {
        friends: friends.sort(),
        outgoing: [...outgoing].filter((other) => !friendSet.has(other)).sort(),
        incoming: [...incoming].filter((other) => !friendSet.has(other)).sort(),
      };
    });
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    const asks = await this.asks(a, b);
    return asks.aAsked && asks.bAsked;
  }
}
