import { createTestAppContext } from '@mosaic/kit-app';
import { composeAccount } from '../compose-account';

/**
 * The account app composed as `main` composes it, on the backends `env` names. `close`
 * shuts it down as a server would: the app's resources in reverse, then the backends.
 */
export async function composedAccount(env: NodeJS.ProcessEnv) {
  const context = await createTestAppContext(env);
  const composed = await composeAccount(context);
  const close = async () => {
    for (const resource of [...composed.http.lifecycle.resources].reverse()) await resource.close();
    for (const resource of [...context.backends.resources].reverse()) await resource.close();
  };
  return { ...composed, context, close };
}
