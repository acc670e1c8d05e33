import { channelConversationId, friendConversationId } from '@mosaic/chat-domain';
import type { ChatUseCases } from '@mosaic/chat-usecase';
import { parseRequest, requirePrincipal } from '@mosaic/kit-http';
import express, { type Request, type Router } from 'express';
import { channelJson, channelSummaryJson, historyJson } from './presenters';
import {
  askFriendBody,
  channelParams,
  conversationParams,
  createChannelBody,
  friendParams,
  historyQuery,
  markReadBody,
} from './schemas';

const userOf = (req: Request) => requirePrincipal(req).id;

/**
 * The chat domain's REST routes. Mount at `/api/v1/chat` after auth's `authenticate`:
 * every route needs a principal (401 without one), and a conversation the caller is
 * not part of answers 403 `not_a_participant`.
 */
export function chatRouter(useCases: ChatUseCases): Router {
  const router = express.Router();

  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    requirePrincipal(req);
    next();
  });

  router.get('/friends', async (req, res) => {
    res.json(await useCases.listFriends.execute({ userId: userOf(req) }));
  });

  router.post('/friends', async (req, res) => {
    const { friendId } = parseRequest(askFriendBody, req.body);
    const outcome = await useCases.askFriend.execute({ userId: userOf(req), friendId });
    res.json({ ...outcome, conversation: friendConversationId(userOf(req), friendId) });
  });

  router.delete('/friends/:id', async (req, res) => {
    const { id } = parseRequest(friendParams, req.params, 'params');
    await useCases.removeFriend.execute({ userId: userOf(req), friendId: id });
    res.status(204).end();
  });

  router.get('/friends/:id/messages', async (req, res) => {
    const { id } = parseRequest(friendParams, req.params, 'params');
    const query = parseRequest(historyQuery, req.query, 'query');
    const conversation = friendConversationId(userOf(req), id);
    res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
  });

  router.get('/channels', async (req, res) => {
    const channels = await useCases.listChannels.execute({ userId: userOf(req) });
    res.json({ channels: channels.map(channelSummaryJson) });
  });

  router.post('/channels', async (req, res) => {
    const { name } = parseRequest(createChannelBody, req.body);
    const channel = await useCases.createChannel.execute({ userId: userOf(req), name });
    res.status(201).location(`${req.baseUrl}/channels/${channel.id}`).json(channelJson(channel));
  });

  router.post('/channels/:id/join', async (req, res) => {
    const { id } = parseRequest(channelParams, req.params, 'params');
    res.json(channelJson(await useCases.joinChannel.execute({ userId: userOf(req), channelId: id })));
  });

  router.post('/channels/:id/leave', async (req, res) => {
    const { id } = parseRequest(channelParams, req.params, 'params');
    await useCases.leaveChannel.execute({ userId: userOf(req), channelId: id });
    res.status(204).end();
  });

  router.get('/channels/:id/members', async (req, res) => {
    const { id } = parseRequest(channelParams, req.params, 'params');
    const { channel, online } = await useCases.listMembers.execute({ userId: userOf(req), channelId: id });
    res.json(channelJson(channel, online));
  });

  router.get('/channels/:id/messages', async (req, res) => {
    const { id } = parseRequest(channelParams, req.params, 'params');
    const query = parseRequest(historyQuery, req.query, 'query');
    const conversation = channelConversationId(id);
    res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
  });

  router.get('/conversations/:conversation/messages', async (req, res) => {
    const { conversation } = parseRequest(conversationParams, req.params, 'params');
    const query = parseRequest(historyQuery, req.query, 'query');
    res.json(historyJson(conversation, await useCases.getHistory.execute({ userId: userOf(req), conversation, ...query })));
  });

  router.post('/conversations/:conversation/read', async (req, res) => {
    const { conversation } = parseRequest(conversationParams, req.params, 'params');
    const { messageId } = parseRequest(markReadBody, req.body);
    res.json(await useCases.markRead.execute({ userId: userOf(req), conversation, messageId }));
  });

  router.get('/unread', async (req, res) => {
    res.json({ conversations: await useCases.unreadCounts.execute({ userId: userOf(req) }) });
  });

  return router;
}
