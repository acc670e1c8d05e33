import { MAX_PAGE } from '@mosaic/chat-usecase';
import { z } from 'zod';

/**
 * Frames a client sends on `/ws/chat`: `{ action, … }`. Sizes are checked here; the
 * 4 KB text limit and every rule about who may write where are the domain's.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
const messageId = z.string().regex(/^[0-9]{1,20}$/, 'must be a message id');
const conversation = z.string().min(1).max(200);
const text = z.string().max(64 * 1024);
const clientMessageId = z.string().max(200).optional();
const page = { before: messageId.optional(), limit: z.number().int().min(1).max(MAX_PAGE).optional() };

export const inboundFrame = z.discriminatedUnion('action', [
  z.object({ action: z.literal('send_message_to_friend'), friend_id: id, message: text, clientMessageId }),
  z.object({ action: z.literal('send_message_to_channel'), channel_id: id, message: text, clientMessageId }),
  z.object({ action: z.literal('get_friend_history_message'), friend_id: id, ...page }),
  z.object({ action: z.literal('get_channel_history_message'), channel_id: id, ...page }),
  z.object({ action: z.literal('typing'), conversation }),
  z.object({ action: z.literal('read'), conversation, messageId }),
  z.object({ action: z.literal('resume'), conversation, afterSeq: z.number().int().min(0) }),
  z.object({
    action: z.literal('resume_all'),
    conversations: z.array(z.object({ conversation, afterSeq: z.number().int().min(0) })).max(500),
  }),
  z.object({ action: z.literal('ping') }),
]);

export type InboundFrame = z.infer<typeof inboundFrame>;
export const ACTIONS = inboundFrame.options.map((option) => option.shape.action.value);
