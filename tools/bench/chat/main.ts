/**
 * Chat benchmark: many connected sockets in rooms of a few members, a steady rate of
 * sends, and what comes out the other end — messages delivered per second, delivery
 * latency (send → every member's socket) p50/p99, and server memory per connection —
 * for the chat WebSocket and, in the same run, a bare `ws` server fanning the same
 * frames to the same rooms. Each server runs in a process of its own; 127.0.0.1 only.
 *
 *   npm run bench:chat
 *   CHAT_BENCH_SOCKETS=5000 CHAT_BENCH_ROOM=10 CHAT_BENCH_RATE=500 CHAT_BENCH_SECONDS=10 npm run bench:chat
 *
 * 5,000 sockets need about 10,000 file descriptors across the two processes: raise the
 * limit first when `ulimit -n` is lower (`ulimit -n 20000`). Figures, not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import WebSocket from 'ws';

const SOCKETS = positiveInt('CHAT_BENCH_SOCKETS', 5_000);
const ROOM = positiveInt('CHAT_BENCH_ROOM', 10);
const RATE = positiveInt('CHAT_BENCH_RATE', 500);
const SECONDS = positiveInt('CHAT_BENCH_SECONDS', 10);
const WARMUP_SECONDS = 2;
const TICK_MS = 10;

interface Result {
  readonly name: string;
  readonly sent: number;
  readonly delivered: number;
  readonly expected: number;
  readonly seconds: number;
  readonly latencies: Float64Array;
  readonly bytesPerConnection: number;
  readonly heapPerConnection: number;
  readonly connectSeconds: number;
}

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  console.log(`chat benchmark: ${SOCKETS} sockets in rooms of ${ROOM}, ${RATE} sends/s for ${SECONDS}s after ${WARMUP_SECONDS}s of warm-up\n`);
  const results = [await run('bare ws', 'bare'), await run('chat', 'chat')];
  const [bare, chat] = results as [Result, Result];
  console.log('');
  console.table(
    results.map((r) => ({
      server: r.name,
      'delivered/s': Math.round(r.delivered / r.seconds),
      'delivered %': ((100 * r.delivered) / Math.max(1, r.expected)).toFixed(1),
      'p50 ms': percentile(r.latencies, 0.5).toFixed(2),
      'p99 ms': percentile(r.latencies, 0.99).toFixed(2),
      'KiB/conn (rss)': (r.bytesPerConnection / 1024).toFixed(1),
      'KiB/conn (heap)': (r.heapPerConnection / 1024).toFixed(1),
      'connect s': r.connectSeconds.toFixed(1),
    })),
  );
  const ratio = chat.delivered / Math.max(1, bare.delivered);
  console.log(`\nchat / bare ws delivered messages: ${ratio.toFixed(2)}× (target ≥ 0.5×)`);
  console.log(`p99 latency: chat ${percentile(chat.latencies, 0.99).toFixed(2)} ms vs bare ${percentile(bare.latencies, 0.99).toFixed(2)} ms`);
}

async function run(name: string, mode: 'chat' | 'bare'): Promise<Result> {
  const server = await startServer(mode);
  try {
    const before = await server.memory();
    const users = Array.from({ length: SOCKETS }, (_, i) => `u${i}`);
    const rooms: string[][] = [];
    for (let i = 0; i < users.length; i += ROOM) rooms.push(users.slice(i, i + ROOM));
    const roomIds = (await (await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST', body: JSON.stringify(rooms) })).json()) as string[];

    let measuring = false;
    let delivered = 0;
    const latencies: number[] = [];
    const onFrame = (data: WebSocket.RawData) => {
      const text = String(data);
      if (!text.startsWith('{"type":"message"')) return;
      const at = /"text":"t(\d+(?:\.\d+)?)"/.exec(text);
      if (!at || !measuring) return;
      delivered += 1;
      latencies.push(now() - Number(at[1]));
    };
    const connectStart = now();
    const sockets: WebSocket[] = [];
    for (let i = 0; i < users.length; i += 250) {
      sockets.push(...(await Promise.all(users.slice(i, i + 250).map((user) => connect(server.port, user, onFrame)))));
    }
    const connectSeconds = (now() - connectStart) / 1000;
    const after = await server.memory();
    console.log(`${name}: ${sockets.length} sockets connected in ${connectSeconds.toFixed(1)} s`);

    // Senders: the first member of each room, taking turns at a steady overall rate.
    let sent = 0;
    let measuredSent = 0;
    let turn = 0;
    let carry = 0;
    const perTick = (RATE * TICK_MS) / 1000;
    const sender = setInterval(() => {
      carry += perTick;
      for (; carry >= 1; carry -= 1) {
        const room = turn++ % rooms.length;
        const socket = sockets[room * ROOM];
        if (!socket || socket.bufferedAmount > 1 << 20) continue;
        socket.send(JSON.stringify({ action: 'send_message_to_channel', channel_id: roomIds[room], message: `t${now()}` }));
        sent += 1;
        if (measuring) measuredSent += 1;
      }
    }, TICK_MS);
    await sleep(WARMUP_SECONDS * 1000);
    measuring = true;
    const start = now();
    await sleep(SECONDS * 1000);
    clearInterval(sender);
    const seconds = (now() - start) / 1000;
    // Let what was sent in the window arrive before counting stops.
    await sleep(2_000);
    measuring = false;
    for (const socket of sockets) socket.terminate();
    return {
      name,
      sent,
      delivered,
      expected: measuredSent * ROOM,
      seconds,
      latencies: Float64Array.from(latencies).sort(),
      bytesPerConnection: (after.rss - before.rss) / SOCKETS,
      heapPerConnection: (after.heapUsed - before.heapUsed) / SOCKETS,
      connectSeconds,
    };
  } finally {
    await server.stop();
  }
}

function connect(port: number, user: string, onFrame: (data: WebSocket.RawData) => void): Promise<WebSocket> {
  return new Promise((resolveSocket, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/chat?user=${user}`, { perMessageDeflate: false });
    socket.on('message', onFrame);
    socket.once('open', () => resolveSocket(socket));
    socket.once('error', reject);
  });
}

async function startServer(mode: 'chat' | 'bare') {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(import.meta.dirname, 'server.ts'), mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.stdout || !child.stdin) throw new Error('the server process has no pipes');
  const { stdin } = child;
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolveLine) => waiting.push(resolveLine));
  const port = Number((await nextLine()).split(' ')[1]);
  return {
    port,
    memory: async () => {
      const answer = nextLine();
      stdin.write('mem\n');
      return JSON.parse((await answer).slice(4)) as { rss: number; heapUsed: number };
    },
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
    },
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
