import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript server entry in its own process (so it has a core to itself and the
 * load generator another) and resolves once it is reachable: once `/health` answers,
 * or once it prints `listening:<port>` (the bare baseline).
 */
export async function startServer(entry: string, env: Record<string, string>, healthUrl?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const exited = once(child, 'exit').then(([code]) => Promise.reject(new Error(`${entry} exited early with ${code}`)));
  if (healthUrl) {
    // The server logs JSON lines to stdout: its errors (a 5xx names its cause) reach the bench's stderr.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (/^\{"level":(5|6)0,/.test(line)) process.stderr.write(`${line}\n`);
    });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const healthy = await Promise.race([
        fetch(`${healthUrl}/health`).then(
          (res) => res.ok,
          () => false,
        ),
        exited,
      ]);
      if (healthy) return { url: healthUrl, stop };
    }
    await stop();
    throw new Error(`${entry} did not become healthy`);
  }
  const port = await Promise.race([
    new Promise<string>((resolve) => createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('listening:') && resolve(line.slice(10)))),
    exited,
  ]);
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}
