import { createAuthModule } from '@mosaic/auth-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { SIGN_IN_PATH, useMosaicUi } from '@mosaic/kit-ui';
import { createAccountModule } from '@mosaic/account-module';

/**
 * The account domain alone, for teams that scale it apart from the platform. It serves
 * auth too, on the same backends, so tokens signed with the shared AUTH_PRIVATE_KEY
 * work here and on the platform alike.
 */
export async function composeAccount(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  const account = await createAccountModule(context, { pagePath: '/' });
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    trustProxy: context.config.TRUST_PROXY,
    resources: [auth.resource, ...account.resources],
    api: { title: 'Mosaic account', version: '0.1.0' },
    mount: (app) => {
      useMosaicUi(app, { nav: [{ label: 'Accounts', href: '/' }], signInPath: SIGN_IN_PATH, footerLinks: [{ label: 'API docs', href: '/docs' }] });
      app.use(account.page);
      app.use('/api/v1/auth', auth.router);
      app.use(auth.authenticate);
      app.use('/api/v1', account.router);
    },
  });
  return { http, pages: [{ name: 'accounts', path: '/' }] };
}
