import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface AppProcess {
  readonly child: ChildProcess;
  /** Where it listens, as its start-up line announced. */
  readonly url: string;
  /** SIGTERM, then the exit code once it has drained and stopped. */
  stop(): Promise<number | null>;
}

/**
 * Starts an app's `main.ts` exactly as `npm start` would (through tsx), on a free
 * port, and resolves once it announces "listening on <url>".
 */
export async function startAppProcess(mainFile: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { stdout } = child;
  if (!stdout) throw new Error('the app process has no stdout');
  const url = await new Promise<string>((resolveUrl, reject) => {
    createInterface({ input: stdout }).on('line', (line) => {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${mainFile} exited early with ${code}`)));
  });
  return {
    child,
    url,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
