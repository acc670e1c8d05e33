import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  readonly url: string;
  /** CPU time the server process has used so far, in µs (user + system). */
  cpuMicros(): number;
  stop(): Promise<void>;
}

/** Linux's clock tick for /proc times; 100 on every kernel this runs on. */
const TICK_MICROS = 10_000;

function cpuReader(child: ChildProcess): () => number {
  return () => {
    // Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
    const fields = (readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  };
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
}

/** Runs a TypeScript entry point in its own process, so it has a core to itself and the load generator another. */
export function spawnTs(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Waits for a `listening:<port>` line on the child's stdout. */
export async function announcedServer(child: ChildProcess): Promise<ServerProcess> {
  const { stdout } = child;
  if (!stdout) throw new Error('spawn the server with its stdout piped');
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: stdout }).on('line', (line) => {
      if (line.startsWith('listening:')) resolve(Number(line.slice('listening:'.length)));
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, cpuMicros: cpuReader(child), stop: stopper(child) };
}

/** Waits until GET /health answers, for servers that log quietly (a loaded machine can take a minute to start one). */
export async function healthyServer(child: ChildProcess, url: string, timeoutMs = 120_000): Promise<ServerProcess> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server exited early with ${code}`);
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const healthy = await Promise.race([
      fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false,
      ),
      exited,
    ]);
    if (healthy) return { url, cpuMicros: cpuReader(child), stop: stopper(child) };
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
