import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
  /** kill -9, as a crash would; resolves once the process is gone. */
  crash(): Promise<void>;
  /** CPU seconds (user + system) the server process has used so far; NaN where /proc is not there. */
  cpuSeconds(): number;
}

const CLOCK_TICKS = 100;

/** utime + stime of a process from /proc/<pid>/stat (Linux), in seconds. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * Starts a TypeScript entry in its own process and waits until it serves: a
 * `listening:<port>` line on stdout, or (for an app that logs quietly) `/health` at `port`.
 */
export async function serve(entry: string, env: Record<string, string> = {}, port?: number): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${entry} exited early with ${code}`))));
  const announced = new Promise<string>((resolveUrl) => {
    if (child.stdout === null) return;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening:(\d+)$/.exec(line);
      if (match) resolveUrl(`http://127.0.0.1:${match[1]}`);
    });
  });
  const url = await Promise.race([port === undefined ? announced : healthy(`http://127.0.0.1:${port}`), exited]);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
    crash: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
    cpuSeconds: () => cpuSecondsOf(child.pid),
  };
}

async function healthy(url: string): Promise<string> {
  for (;;) {
    if (
      await fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return url;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

export interface Load {
  rate: number;
  p50: number;
  p99: number;
  statuses: string;
  errors: number;
  /** Server CPU per answered request, in µs, when the server was given. */
  cpuMicros?: number;
  /** Answered requests, the run's length in seconds and the server's CPU seconds (NaN without the server): what rounds add up. */
  requests: number;
  seconds: number;
  cpuSeconds: number;
  byStatus: Record<string, number>;
}

/**
 * One autocannon POST run on 127.0.0.1, reduced to what the report prints; with the
 * server, also its CPU per request (the load generator shares the machine, so
 * throughput alone understates a cheaper server).
 */
export async function postLoad(
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
  server?: Server,
): Promise<Load> {
  const cpuBefore = server?.cpuSeconds() ?? Number.NaN;
  const result = await autocannon({ url, method: 'POST', body, headers, duration: seconds, connections });
  const cpu = (server?.cpuSeconds() ?? Number.NaN) - cpuBefore;
  const byStatus: Record<string, number> = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats?.count ?? 0]),
  );
  const cpuMicros = Number.isFinite(cpu) && result.requests.total > 0 ? (cpu * 1e6) / result.requests.total : undefined;
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: statusesOf(byStatus),
    errors: result.errors + result.timeouts,
    cpuMicros,
    requests: result.requests.total,
    seconds,
    cpuSeconds: cpu,
    byStatus,
  };
}

function statusesOf(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}

export interface LoadTarget {
  url: string;
  server: Server;
}

/**
 * The same load on each target in turn, for `rounds` short rounds, the order
 * alternating from round to round: on a machine whose load drifts, each target
 * sees the same mix of quiet and busy moments, which back-to-back runs do not
 * give. Each target's rounds add up to one Load: requests per second over all its
 * rounds, the median of the rounds' p50 and the worst round's p99.
 */
export async function interleavedLoads(
  targets: readonly LoadTarget[],
  body: string,
  headers: Record<string, string>,
  rounds: number,
  secondsPerRound: number,
  connections: number,
): Promise<Load[]> {
  const runs: Load[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const i of order) {
      const target = targets[i] as LoadTarget;
      runs[i]?.push(await postLoad(target.url, body, headers, secondsPerRound, connections, target.server));
    }
  }
  return runs.map(combine);
}

function combine(loads: readonly Load[]): Load {
  const sum = (pick: (load: Load) => number) => loads.reduce((total, load) => total + pick(load), 0);
  const requests = sum((load) => load.requests);
  const seconds = sum((load) => load.seconds);
  const cpuSeconds = sum((load) => load.cpuSeconds);
  const byStatus: Record<string, number> = {};
  for (const load of loads) for (const [status, count] of Object.entries(load.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + count;
  const p50s = loads.map((load) => load.p50).sort((a, b) => a - b);
  return {
    rate: requests / seconds,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(...loads.map((load) => load.p99)),
    statuses: statusesOf(byStatus),
    errors: sum((load) => load.errors),
    cpuMicros: Number.isFinite(cpuSeconds) && requests > 0 ? (cpuSeconds * 1e6) / requests : undefined,
    requests,
    seconds,
    cpuSeconds,
    byStatus,
  };
}
