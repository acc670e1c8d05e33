import { createAuthModule } from '@mosaic/auth-module';
import { createFlashsaleModule, type FlashsaleModule, type FlashsaleModuleOptions } from '@mosaic/flashsale-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { SIGN_IN_PATH, useMosaicUi } from '@mosaic/kit-ui';

/**
 * The flash sale alone, for when it must scale apart from the platform: its routes and
 * page at the root, the signed-in routes under /api/v1/flashsale, and auth on the same
 * backends so tokens signed with the shared AUTH_PRIVATE_KEY work here too.
 */
export async function composeFlashsale(context: AppContext, options: FlashsaleModuleOptions = {}): Promise<ComposedApp & { flashsale: FlashsaleModule }> {
  const auth = await createAuthModule(context);
  const flashsale = await createFlashsaleModule(context, options);
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    resources: [auth.resource, ...flashsale.resources],
    api: { title: 'Mosaic flash sale', version: '0.1.0' },
    fastRoutes: flashsale.fastRoutes,
    mount: (app) => {
      useMosaicUi(app, { nav: [{ label: 'Flash sale', href: '/' }], signInPath: SIGN_IN_PATH, footerLinks: [{ label: 'API docs', href: '/docs' }] });
      app.use('/api/v1/auth', auth.router);
      app.use(auth.authenticate);
      app.use('/api/v1/flashsale', flashsale.apiRouter);
      app.use(flashsale.mountPath, flashsale.router);
    },
  });
  return { http, flashsale, beforeDrain: flashsale.closeStreams, pages: [{ name: 'flash sale', path: '/' }] };
}
