import { createTestAppContext } from '@mosaic/kit-app';
import { apiDocumentProblems } from '@mosaic/kit-http';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { composeChat } from './compose-chat';

describe('the chat app API document', async () => {
  const context = await createTestAppContext({});
  const composed = await composeChat(context);
  afterAll(async () => {
    for (const resource of [...composed.http.lifecycle.resources].reverse()) await resource.close();
    for (const resource of [...context.backends.resources].reverse()) await resource.close();
  });
  const { app } = composed.http;
  const document = (await request(app).get('/openapi.json').expect(200)).body;

  it('documents every mounted route under its prefix, with the schemas its validator uses', () => {
    expect(apiDocumentProblems(app, document)).toEqual([]);
    expect(document.info.title).toBe('Mosaic chat');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/chat/friends',
        '/api/v1/chat/channels/{id}/messages',
        '/api/v1/chat/conversations/{conversation}/read',
        '/',
      ]),
    );
    expect(document.paths['/api/v1/chat/unread'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/api/v1/chat/conversations/{conversation}/read'].post.requestBody.content['application/json'].schema.required).toEqual([
      'messageId',
    ]);
    expect(document.paths['/'].get.tags).toEqual(['pages']);
  });

  it('serves the interactive reference', async () => {
    expect((await request(app).get('/docs')).status).toBe(200);
  });
});
