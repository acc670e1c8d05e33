import { MAX_PAGE } from '@mosaic/chat-usecase';
import { z } from 'zod';

/**
 * Request shapes of `/api/v1/chat`. They check presence, types and sizes; the domain
 * checks the meaning (friendship, membership, conversation ids) with its own codes.
 */
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a user id');
const channelId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a channel id');

export const askFriendBody = z.strictObject({ friendId: userId });
export const friendParams = z.object({ id: userId });
export const createChannelBody = z.strictObject({ name: z.string().max(200) });
export const channelParams = z.object({ id: channelId });
export const conversationParams = z.object({ conversation: z.string().max(200) });
export const historyQuery = z.object({
  before: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'must be a message id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
});
export const markReadBody = z.strictObject({ messageId: z.string().regex(/^[0-9]{1,20}$/, 'must be a message id') });
