import { channelConversationId, friendConversationId } from '@mosaic/chat-domain';
import type { ChatUseCases } from '@mosaic/chat-usecase';
import { apiRouter, requirePrincipal, resolvePrincipal } from '@mosaic/kit-http';
import type { Request, Router } from 'express';
import { channelJson, channelSummaryJson, historyJson } from './presenters';
import { askFriendBody, channelParams, conversationParams, createChannelBody, friendParams, historyQuery, markReadBody } from './schemas';

const userOf = (req: Request) => requirePrincipal(req).id;

/** Answered by every route that names a conversation the caller is not part of. */
const notAParticipant = { 403: { description: 'Not a participant (`not_a_participant`)' } };

/**
 * The chat domain's REST routes. Mount at `/api/v1/chat` after auth's `authenticate`:
 * every route needs a principal (401 without one), and a conversation the caller is
 * not part of answers 403 `not_a_participant`.
 */
export function chatRouter(useCases: ChatUseCases): Router {
  const router = apiRouter({ tags: ['chat'] });

  router.use(resolvePrincipal, (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    requirePrincipal(req);
    next();
  });

  const route = { principal: 'required' } as const;

  router.define({ ...route, method: 'get', path: '/friends', summary: 'Your friends and friend requests' }, async (req, res) => {
    res.json(await useCases.listFriends.execute({ userId: userOf(req) }));
  });

  router.define(
    {
      ...route,
      method: 'post',
      path: '/friends',
      summary: 'Ask someone to be your friend (accepts their request when they asked first)',
      request: { body: askFriendBody },
    },
    async (req, res, { body }) => {
      const outcome = await useCases.askFriend.execute({ userId: userOf(req), friendId: body.friendId });
      res.json({ ...outcome, conversation: friendConversationId(userOf(req), body.friendId) });
    },
  );

  router.define(
    {
      ...route,
      method: 'delete',
      path: '/friends/:id',
      summary: 'Remove a friend or a friend request',
      request: { params: friendParams },
      responses: { 204: { description: 'Removed' } },
    },
    async (req, res, { params }) => {
      await useCases.removeFriend.execute({ userId: userOf(req), friendId: params.id });
      res.status(204).end();
    },
  );

  router.define(
    {
      ...route,
      method: 'get',
      path: '/friends/:id/messages',
      summary: 'Messages with a friend, newest first, by pages',
      request: { params: friendParams, query: historyQuery },
      responses: { 200: { description: 'A page of history' }, ...notAParticipant },
    },
    async (req, res, { params, query }) => {
      const conversation = friendConversationId(userOf(req), params.id);
      res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
    },
  );

  router.define({ ...route, method: 'get', path: '/channels', summary: 'The channels you are a member of' }, async (req, res) => {
    const channels = await useCases.listChannels.execute({ userId: userOf(req) });
    res.json({ channels: channels.map(channelSummaryJson) });
  });

  router.define(
    {
      ...route,
      method: 'post',
      path: '/channels',
      summary: 'Create a channel',
      request: { body: createChannelBody },
      responses: { 201: { description: 'The new channel' } },
    },
    async (req, res, { body }) => {
      const channel = await useCases.createChannel.execute({ userId: userOf(req), name: body.name });
      res.status(201).location(`${req.baseUrl}/channels/${channel.id}`).json(channelJson(channel));
    },
  );

  router.define(
    { ...route, method: 'post', path: '/channels/:id/join', summary: 'Join a channel', request: { params: channelParams } },
    async (req, res, { params }) => {
      res.json(channelJson(await useCases.joinChannel.execute({ userId: userOf(req), channelId: params.id })));
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/channels/:id/leave',
      summary: 'Leave a channel',
      request: { params: channelParams },
      responses: { 204: { description: 'Left' } },
    },
    async (req, res, { params }) => {
      await useCases.leaveChannel.execute({ userId: userOf(req), channelId: params.id });
      res.status(204).end();
    },
  );

  router.define(
    {
      ...route,
      method: 'get',
      path: '/channels/:id/members',
      summary: "A channel's members and who of them is online",
      request: { params: channelParams },
      responses: { 200: { description: 'The channel with its members' }, 403: { description: 'Not a member of the channel (`not_a_member`)' } },
    },
    async (req, res, { params }) => {
      const { channel, online } = await useCases.listMembers.execute({ userId: userOf(req), channelId: params.id });
      res.json(channelJson(channel, online));
    },
  );

  router.define(
    {
      ...route,
      method: 'get',
      path: '/channels/:id/messages',
      summary: "A channel's messages, newest first, by pages",
      request: { params: channelParams, query: historyQuery },
      responses: { 200: { description: 'A page of history' }, ...notAParticipant },
    },
    async (req, res, { params, query }) => {
      const conversation = channelConversationId(params.id);
      res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
    },
  );

  router.define(
    {
      ...route,
      method: 'get',
      path: '/conversations/:conversation/messages',
      summary: "A conversation's messages by its id, newest first, by pages",
      request: { params: conversationParams, query: historyQuery },
      responses: { 200: { description: 'A page of history' }, ...notAParticipant },
    },
    async (req, res, { params, query }) => {
      const { conversation } = params;
      res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/conversations/:conversation/read',
      summary: 'Mark a conversation read up to a message',
      request: { params: conversationParams, body: markReadBody },
      responses: { 200: { description: 'The read marker' }, ...notAParticipant },
    },
    async (req, res, { params, body }) => {
      res.json(await useCases.markRead.execute({ userId: userOf(req), conversation: params.conversation, messageId: body.messageId }));
    },
  );

  router.define({ ...route, method: 'get', path: '/unread', summary: 'Unread message counts by conversation' }, async (req, res) => {
    res.json({ conversations: await useCases.unreadCounts.execute({ userId: userOf(req) }) });
  });

  return router;
}
