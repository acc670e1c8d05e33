import type { FlashsaleModuleOptions } from '@mosaic/flashsale-module';
import { createTestAppContext } from '@mosaic/kit-app';
import { composeFlashsale } from '../compose-flashsale';

/**
 * The flash-sale app composed as `main` composes it, on the backends `env` names. `close`
 * shuts it down as a server would: the app's resources in reverse, then the backends.
 */
export async function composedFlashsale(env: NodeJS.ProcessEnv, options: FlashsaleModuleOptions = {}) {
  const context = await createTestAppContext(env);
  const composed = await composeFlashsale(context, { startTimers: false, ...options });
  const close = async () => {
    for (const resource of [...composed.http.lifecycle.resources].reverse()) await resource.close();
    for (const resource of [...context.backends.resources].reverse()) await resource.close();
  };
  return { ...composed, context, close };
}
