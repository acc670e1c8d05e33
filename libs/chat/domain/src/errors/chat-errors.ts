import { AppError, conflict, forbidden, invalid, notFound } from '@mosaic/kit-core';

/**
 * Every error the chat domain raises, by code. Codes are the contract with clients
 * (REST bodies and WebSocket error frames alike): they never change meaning.
 */
export const CHAT_ERROR_CODES = [
  'invalid_conversation',
  'not_a_participant',
  'not_friends',
  'cannot_befriend_self',
  'friend_not_found',
  'channel_not_found',
  'not_a_member',
  'invalid_channel_name',
  'empty_message',
  'message_too_large',
  'invalid_client_message_id',
  'message_not_found',
] as const;

export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

export const invalidConversation = (value: string) =>
  invalid('invalid_conversation', `"${value.slice(0, 80)}" is not a conversation id (friend:<a>:<b> or channel:<id>)`);
/** Foreign conversations answer like missing ones would not: the caller learns only that it may not. */
export const notAParticipant = () => forbidden('not_a_participant', 'You are not part of this conversation');
export const notFriends = () => forbidden('not_friends', 'You can only message friends');
export const cannotBefriendSelf = () => invalid('cannot_befriend_self', 'You cannot ask yourself to be a friend');
export const friendNotFound = () => notFound('friend_not_found', 'No friendship or ask with this user');
export const channelNotFound = () => notFound('channel_not_found', 'No such channel');
export const notAMember = () => forbidden('not_a_member', 'You are not a member of this channel');
export const invalidChannelName = (reason: string) => invalid('invalid_channel_name', reason);
export const emptyMessage = () => invalid('empty_message', 'A message needs some text');
export const messageTooLarge = (maxBytes: number) => new AppError('too_large', 'message_too_large', `A message is at most ${maxBytes} bytes of UTF-8`);
export const invalidClientMessageId = () =>
  invalid('invalid_client_message_id', 'clientMessageId is 1 to 64 characters of letters, digits, "-", "_", ":" or "."');
export const messageNotFound = () => notFound('message_not_found', 'No such message in this conversation');
export const channelOwnerConflict = () => conflict('channel_changed', 'The channel changed meanwhile; try again');
