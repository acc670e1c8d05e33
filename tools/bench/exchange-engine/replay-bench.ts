import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';
import { deserializeRecord, ExchangeEngine, serializeRecord, type JournalRecord } from '@mosaic/exchange-domain';
import { FileCommandJournal } from '@mosaic/exchange-repository';
import { median } from './stats';

/** Commands per second of wall-clock time, and per second of this process's CPU time (what the figure would be on an idle core). */
export interface Rate {
  wall: number;
  cpu: number;
}

export interface ReplayFigures {
  commands: number;
  bytesPerRecord: { binary: number; json: number };
  /** Median of the rounds. */
  binary: { replay: Rate; decode: Rate; apply: Rate };
  json: { replay: Rate; decode: Rate };
}

const TWO_32 = 4_294_967_296;
const READ_CHUNK = 1024 * 1024;
/** Records handed to the engine at once, as the journal reader batches them. */
const REPLAY_BATCH = 4096;

/**
 * Replay speed of the binary journal (format 2) against the JSON records it
 * replaced, on the same commands: file → decode → engine, and decode alone.
 * The binary side reads through `FileCommandJournal` (`scan` for replay, `read`
 * for apply), opening the journal inside the timed run as a restart does; the JSON side reads
 * a file of the former frames (same 16-byte header, JSON payload) in the same
 * 1 MiB chunks and decodes each with `deserializeRecord`, as the former reader did.
 */
export async function measureReplay(records: JournalRecord[], dir: string, rounds: number): Promise<ReplayFigures> {
  const binaryDir = join(dir, 'replay-binary');
  const writer = await FileCommandJournal.open({ dir: binaryDir, fsync: { mode: 'never' } });
  for (let i = 0; i < records.length; i += 10_000) await Promise.all(records.slice(i, i + 10_000).map((r) => writer.append(r)));
  const binaryBytes = writer.stats.bytes;
  await writer.close();
  const jsonPath = join(dir, 'replay.json-frames');
  const jsonBytes = await writeJsonFrames(records, jsonPath);

  const binary = { replay: [] as Rate[], decode: [] as Rate[], apply: [] as Rate[] };
  const json = { replay: [] as Rate[], decode: [] as Rate[] };
  // The first round warms the JIT up and is not counted.
  for (let round = -1; round < rounds; round++) {
    const figures = [
      await timed(records.length, () => replayBinary(binaryDir, new ExchangeEngine())),
      await timed(records.length, () => replayBinary(binaryDir, undefined)),
      await timed(records.length, () => replayJson(jsonPath, new ExchangeEngine())),
      await timed(records.length, () => replayJson(jsonPath, undefined)),
      await timed(records.length, () => replayBinary(binaryDir, new ExchangeEngine(), 'apply')),
    ];
    if (round < 0) continue;
    binary.replay.push(figures[0]);
    binary.decode.push(figures[1]);
    json.replay.push(figures[2]);
    json.decode.push(figures[3]);
    binary.apply.push(figures[4]);
  }
  return {
    commands: records.length,
    bytesPerRecord: { binary: binaryBytes / records.length, json: jsonBytes / records.length },
    binary: { replay: medianRate(binary.replay), decode: medianRate(binary.decode), apply: medianRate(binary.apply) },
    json: { replay: medianRate(json.replay), decode: medianRate(json.decode) },
  };
}

async function timed(count: number, run: () => Promise<number>): Promise<Rate> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const seen = await run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (seen !== count) throw new Error(`replayed ${seen} of ${count} records`);
  return { wall: count / seconds, cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

function medianRate(rates: Rate[]): Rate {
  return { wall: median(rates.map((r) => r.wall)), cpu: median(rates.map((r) => r.cpu)) };
}

/**
 * `replay`: the engine's silent replay as recovery runs it (the journal's `scan`
 * hands each record, decoded in place, to `ExchangeEngine.replayOne`); without an
 * engine, the same scan alone (decode only); `apply`: every result built, from
 * `read`'s batches of records of their own, as when projections are rebuilt.
 */
async function replayBinary(dir: string, engine: ExchangeEngine | undefined, mode: 'replay' | 'apply' = 'replay'): Promise<number> {
  const reader = await FileCommandJournal.open({ dir });
  let seen = 0;
  try {
    if (mode === 'replay') {
      seen = await reader.scan(1, undefined, engine === undefined ? () => undefined : (record) => engine.replayOne(record));
    } else {
      for await (const batch of reader.read(1)) {
        for (const record of batch) engine?.apply(record);
        seen += batch.length;
      }
    }
  } finally {
    await reader.close();
  }
  return seen;
}

async function writeJsonFrames(records: JournalRecord[], path: string): Promise<number> {
  const frames = records.map((record) => {
    const payload = serializeRecord(record);
    const length = Buffer.byteLength(payload);
    const frame = Buffer.allocUnsafe(16 + length);
    frame.writeUInt32LE(length, 0);
    frame.writeUInt32LE(record.seq % TWO_32, 8);
    frame.writeUInt32LE(Math.floor(record.seq / TWO_32), 12);
    frame.write(payload, 16, 'utf8');
    frame.writeUInt32LE(crc32(frame.subarray(8)), 4);
    return frame;
  });
  const data = Buffer.concat(frames);
  await writeFile(path, data);
  return data.length;
}

async function replayJson(path: string, engine: ExchangeEngine | undefined): Promise<number> {
  const handle = await open(path, 'r');
  const batch: JournalRecord[] = [];
  let seen = 0;
  try {
    let position = 0;
    let carry = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(READ_CHUNK, carry.length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      let offset = 0;
      while (offset + 16 <= data.length) {
        const length = data.readUInt32LE(offset);
        if (offset + 16 + length > data.length) break;
        if (crc32(data.subarray(offset + 8, offset + 16 + length)) !== data.readUInt32LE(offset + 4)) throw new Error('checksum mismatch');
        batch.push(deserializeRecord(data.toString('utf8', offset + 16, offset + 16 + length)));
        if (batch.length === REPLAY_BATCH) {
          engine?.replay(batch);
          batch.length = 0;
        }
        seen += 1;
        offset += 16 + length;
      }
      carry = Buffer.from(data.subarray(offset));
    }
    engine?.replay(batch);
  } finally {
    await handle.close();
  }
  return seen;
}
