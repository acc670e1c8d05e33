import { createAuthModule } from '@mosaic/auth-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { createAccountModule } from '@mosaic/account-module';

/**
 * The account domain alone, for teams that scale it apart from the platform. It serves
 * auth too, on the same backends, so tokens signed with the shared AUTH_PRIVATE_KEY
 * work here and on the platform alike.
 */
export async function composeAccount(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  const account = await createAccountModule(context);
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    trustProxy: context.config.TRUST_PROXY,
    resources: [auth.resource, ...account.resources],
    api: { title: 'Mosaic account', version: '0.1.0' },
    mount: (app) => {
      app.use('/api/v1/auth', auth.router);
      app.use(auth.authenticate);
      app.use('/api/v1', account.router);
    },
  });
  return { http, pages: [{ name: 'accounts API', path: '/api/v1/accounts' }] };
}
