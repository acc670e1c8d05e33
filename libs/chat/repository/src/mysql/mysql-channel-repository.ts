import type { ChannelMember, ChannelRepository, ChannelSnapshot, ChannelSummary } from '@mosaic/chat-domain';
import { withTransaction, type MysqlPool } from '@mosaic/kit-db';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { backendCall } from '../shared/backend-call';

interface ChannelRow extends RowDataPacket {
  id: string;
  name: string;
  owner_id: string;
  created_at: Date;
}

interface MemberRow extends RowDataPacket {
  user_id: string;
  joined_at: Date;
}

interface SummaryRow extends ChannelRow {
  member_count: number;
}

/**
 * Channels in MySQL. Joining is one INSERT IGNORE, leaving one DELETE (with the owner
 * handover conditional on the owner not having changed meanwhile, and the channel
 * removed with its last member), so concurrent joins and leaves never undo each other.
 */
export class MysqlChannelRepository implements ChannelRepository {
  constructor(private readonly pool: MysqlPool) {}

  create(channel: ChannelSnapshot): Promise<void> {
    return backendCall('channel', () =>
      withTransaction(this.pool, async (tx) => {
        await tx.execute('INSERT INTO chat_channels (id, name, owner_id, created_at) VALUES (?, ?, ?, ?)', [
          channel.id,
          channel.name,
          channel.ownerId,
          channel.createdAt,
        ]);
        for (const member of channel.members) {
          await tx.execute('INSERT INTO chat_channel_members (channel_id, user_id, joined_at) VALUES (?, ?, ?)', [channel.id, member.userId, member.joinedAt]);
        }
      }),
    );
  }

  get(channelId: string): Promise<ChannelSnapshot | null> {
    return backendCall('channel', async () => {
      const [channels] = await this.pool.execute<ChannelRow[]>('SELECT id, name, owner_id, created_at FROM chat_channels WHERE id = ?', [channelId]);
      const row = channels[0];
      if (!row) return null;
      const [members] = await this.pool.execute<MemberRow[]>('SELECT user_id, joined_at FROM chat_channel_members WHERE channel_id = ? ORDER BY seq', [
        channelId,
      ]);
      return {
        id: row.id,
        name: row.name,
        ownerId: row.owner_id,
        createdAt: new Date(row.created_at),
        members: members.map((member) => ({ userId: member.user_id, joinedAt: new Date(member.joined_at) })),
      };
    });
  }

  addMember(channelId: string, member: ChannelMember): Promise<boolean> {
    return backendCall('channel', async () => {
      const [result] = await this.pool.execute<ResultSetHeader>(
        'INSERT IGNORE INTO chat_channel_members (channel_id, user_id, joined_at) SELECT id, ?, ? FROM chat_channels WHERE id = ?',
        [member.userId, member.joinedAt, channelId],
      );
      return result.affectedRows === 1;
    });
  }

  removeMember(channelId: string, userId: string, ownerChange?: { from: string; to: string }): Promise<boolean> {
    return backendCall('channel', () =>
      withTransaction(this.pool, async (tx) => {
        const [removed] = await tx.execute<ResultSetHeader>('DELETE FROM chat_channel_members WHERE channel_id = ? AND user_id = ?', [channelId, userId]);
        if (removed.affectedRows === 0) return false;
        if (ownerChange) {
          await tx.execute(
            'UPDATE chat_channels SET owner_id = ? WHERE id = ? AND owner_id = ? AND EXISTS (SELECT 1 FROM chat_channel_members WHERE channel_id = ? AND user_id = ?)',
            [ownerChange.to, channelId, ownerChange.from, channelId, ownerChange.to],
          );
        }
        const [left] = await tx.execute<RowDataPacket[]>('SELECT 1 FROM chat_channel_members WHERE channel_id = ? LIMIT 1 FOR UPDATE', [channelId]);
        if (left.length === 0) await tx.execute('DELETE FROM chat_channels WHERE id = ?', [channelId]);
        return true;
      }),
    );
  }

  isMember(channelId: string, userId: string): Promise<boolean> {
    return backendCall('channel', async () => {
      const [rows] = await this.pool.execute<RowDataPacket[]>('SELECT 1 FROM chat_channel_members WHERE channel_id = ? AND user_id = ?', [channelId, userId]);
      return rows.length > 0;
    });
  }

  memberIds(channelId: string): Promise<string[]> {
    return backendCall('channel', async () => {
      const [rows] = await this.pool.execute<MemberRow[]>('SELECT user_id FROM chat_channel_members WHERE channel_id = ? ORDER BY seq', [channelId]);
      return rows.map((row) => row.user_id);
    });
  }

  channelsOf(userId: string): Promise<ChannelSummary[]> {
    return backendCall('channel', async () => {
      const [rows] = await this.pool.execute<SummaryRow[]>(
        `SELECT c.id, c.name, c.owner_id, c.created_at, (SELECT COUNT(*) FROM chat_channel_members a WHERE a.channel_id = c.id) AS member_count
           FROM chat_channel_members m JOIN chat_channels c ON c.id = m.channel_id
          WHERE m.user_id = ? ORDER BY c.created_at, c.id`,
        [userId],
      );
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        ownerId: row.owner_id,
        createdAt: new Date(row.created_at),
        memberCount: Number(row.member_count),
      }));
    });
  }
}
