import { createTestAppContext } from '@mosaic/kit-app';
import { startServer } from '@mosaic/kit-http';
import { composeChat } from '../compose-chat';

/**
 * The chat app composed and started as `main` does (WebSocket attached once it
 * listens), on the backends `env` names, on a free port.
 */
export async function startedChat(env: NodeJS.ProcessEnv = {}) {
  const context = await createTestAppContext(env);
  const composed = await composeChat(context);
  composed.http.lifecycle.addFirst(...context.backends.resources);
  const running = await startServer(composed.http, { port: 0, host: '127.0.0.1', exitOnSignal: false, beforeDrain: composed.beforeDrain });
  await composed.onListening?.(running.server);
  return { ...composed, url: running.url, wsUrl: `${running.url.replace('http', 'ws')}/ws/chat`, close: () => running.shutdown('test') };
}
