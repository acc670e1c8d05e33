import { createAuthModule } from '@mosaic/auth-module';
import { createChatModule, type ChatModule } from '@mosaic/chat-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { SIGN_IN_PATH, useMosaicUi } from '@mosaic/kit-ui';

/**
 * The chat domain alone, for running several instances behind a load balancer: they
 * share MongoDB, MySQL, Redis and the fan-out (Kafka or Redis). It serves auth too, on
 * the same backends, so tokens signed with the shared AUTH_PRIVATE_KEY work here and on
 * the platform alike.
 */
export async function composeChat(context: AppContext): Promise<ComposedApp & { chat: ChatModule }> {
  const auth = await createAuthModule(context);
  const chat = await createChatModule(context, { pagePath: '/', authenticateUpgrade: auth.authenticateUpgradeSession });
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    resources: [auth.resource, ...chat.resources],
    api: { title: 'Mosaic chat', version: '0.1.0' },
    mount: (app) => {
      useMosaicUi(app, { nav: [{ label: 'Chat', href: '/' }], signInPath: SIGN_IN_PATH, footerLinks: [{ label: 'API docs', href: '/docs' }] });
      app.use('/api/v1/auth', auth.router);
      app.use(auth.authenticate);
      app.use('/api/v1/chat', chat.router);
      app.use(chat.page);
    },
  });
  return {
    http,
    chat,
    pages: [{ name: 'chat', path: '/' }],
    onListening: async (server) => void (await chat.attach(server)),
    beforeDrain: chat.closeSocket,
  };
}
