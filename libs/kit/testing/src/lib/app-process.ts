import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { createInterface } from 'node:readline';

export interface AppProcess {
  readonly child: ChildProcess;
  /** Where it listens, as its start-up line announced. */
  readonly url: string;
  /** Its stdout so far, a line each (start-up logs report how it started). */
  readonly output: readonly string[];
  /** SIGTERM, then the exit code once it has drained and stopped. */
  stop(): Promise<number | null>;
}

const appEnv = (env: Record<string, string>) => ({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env });

/**
 * Starts an app's `main.ts` exactly as `npm start` would (node with the tsx loader),
 * on a free port, and resolves once it announces "listening on <url>".
 */
export async function startAppProcess(mainFile: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], { env: appEnv(env), stdio: ['ignore', 'pipe', 'inherit'] });
  return announced(child, mainFile);
}

export interface NpmScriptProcess extends AppProcess {
  /** npm's direct children when the app announced itself: the app's node process. */
  readonly children: readonly number[];
  /** Every process below npm then (the app, and helpers it started, such as esbuild's service). */
  readonly descendants: readonly number[];
}

/**
 * Runs `npm run <script>` in `cwd` as an operator would, on a free port, and resolves
 * once the app announces its URL. `stop` sends SIGTERM to the npm process itself,
 * which must hand it on to the app.
 */
export async function startNpmScript(script: string, cwd: string, env: Record<string, string> = {}): Promise<NpmScriptProcess> {
  const child = spawn('npm', ['run', '--silent', script], { cwd, env: appEnv(env), stdio: ['ignore', 'pipe', 'inherit'] });
  const app = await announced(child, `npm run ${script}`);
  return { ...app, children: childrenOf(child.pid), descendants: descendantsOf(child.pid) };
}

/** Whether a process with this pid still exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function announced(child: ChildProcess, name: string): Promise<AppProcess> {
  const { stdout } = child;
  if (!stdout) throw new Error(`${name} has no stdout`);
  const output: string[] = [];
  const url = await new Promise<string>((resolveUrl, reject) => {
    createInterface({ input: stdout }).on('line', (line) => {
      output.push(line);
      const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited early with ${code}`)));
  });
  return {
    child,
    url,
    output,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  return spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
}

function descendantsOf(pid: number | undefined): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}

export interface NpmStopOutcome {
  /** /health's status while the app ran. */
  readonly health: number;
  /** npm's exit code after SIGTERM. */
  readonly exitCode: number | null;
  /** npm's direct children (the app) still running once npm exited. */
  readonly appsLeft: readonly number[];
  /** Every process npm had started, directly or not, to check they all end. */
  readonly descendants: readonly number[];
  /** Whether the app's port still accepted connections after npm exited. */
  readonly stillListening: boolean;
  /** Whether the app stopped accepting connections while a request was still in flight. */
  readonly refusedWhileInFlight: boolean;
  /** The status line of the request in flight at SIGTERM, finished once new connections were refused. */
  readonly inFlightStatusLine: string | undefined;
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/**
 * A POST whose JSON body is half sent: the server holds it in flight until `finish` sends
 * the rest. Resolves once the server has read the request's head (its `100 Continue`
 * says so), so a signal sent next finds a request in flight, not an idle connection.
 */
async function requestInFlight(url: string): Promise<{ finish(): Promise<string | undefined> }> {
  const { hostname, port } = new URL(url);
  const socket = createConnection({ host: hostname, port: Number(port) });
  await once(socket, 'connect');
  const body = '{"inFlight":true}';
  let answer = '';
  let headRead: () => void = () => undefined;
  const continued = new Promise<void>((resolve) => (headRead = resolve));
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
    if (answer.startsWith(CONTINUE)) headRead();
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(
    `POST /health HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  socket.write(body.slice(0, 5));
  await Promise.race([continued, ended]);
  return {
    finish: async () => {
      // Write, not end: a client that half-closes gets no answer from an async handler
      // (node's http server ends the socket on FIN unless httpAllowHalfOpen is set).
      socket.write(body.slice(5));
      await ended;
      return answer.replace(CONTINUE, '').split('\r\n')[0] || undefined;
    },
  };
}

/** Whether a new connection to `url` is refused before `timeoutMs` runs out (polled). */
export async function refusesConnections(url: string, timeoutMs: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const accepted = await new Promise<boolean>((resolve) => {
      const probe = createConnection({ host: hostname, port: Number(port) });
      probe.once('connect', () => {
        probe.destroy();
        resolve(true);
      });
      probe.once('error', () => resolve(false));
    });
    if (!accepted) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * Starts an npm script, checks /health, sends SIGTERM to npm with a request in flight,
 * finishes that request once the app refuses new connections (it is draining), and
 * reports how it all ended.
 */
export async function stopNpmScript(script: string, cwd: string, env: Record<string, string> = {}): Promise<NpmStopOutcome> {
  const app = await startNpmScript(script, cwd, env);
  const health = (await fetch(`${app.url}/health`)).status;
  const inFlight = await requestInFlight(app.url);
  const stopped = app.stop();
  const refusedWhileInFlight = await refusesConnections(app.url, 20_000);
  const inFlightStatusLine = await inFlight.finish();
  const exitCode = await stopped;
  const stillListening = await fetch(`${app.url}/health`).then(
    () => true,
    () => false,
  );
  return {
    health,
    exitCode,
    appsLeft: app.children.filter(isRunning),
    descendants: app.descendants,
    stillListening,
    refusedWhileInFlight,
    inFlightStatusLine,
  };
}
