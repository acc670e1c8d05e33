import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';
import { deserializeRecord, ExchangeEngine, serializeRecord, type JournalRecord } from '@mosaic/exchange-domain';
import { FileCommandJournal } from '@mosaic/exchange-repository';
import { median } from './stats';

export interface ReplayFigures {
  commands: number;
  bytesPerRecord: { binary: number; json: number };
  /** Commands per second, median of the rounds. */
  binary: { replay: number; decode: number };
  json: { replay: number; decode: number };
}

const TWO_32 = 4_294_967_296;
const READ_CHUNK = 1024 * 1024;

/**
 * Replay speed of the binary journal (format 2) against the JSON records it
 * replaced, on the same commands: file → decode → engine, and decode alone.
 * The binary side reads through `FileCommandJournal.read`; the JSON side reads
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

  const binary = { replay: [] as number[], decode: [] as number[] };
  const json = { replay: [] as number[], decode: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    binary.replay.push(await timed(records.length, () => replayBinary(binaryDir, new ExchangeEngine())));
    binary.decode.push(await timed(records.length, () => replayBinary(binaryDir, undefined)));
    json.replay.push(await timed(records.length, () => replayJson(jsonPath, new ExchangeEngine())));
    json.decode.push(await timed(records.length, () => replayJson(jsonPath, undefined)));
  }
  return {
    commands: records.length,
    bytesPerRecord: { binary: binaryBytes / records.length, json: jsonBytes / records.length },
    binary: { replay: median(binary.replay), decode: median(binary.decode) },
    json: { replay: median(json.replay), decode: median(json.decode) },
  };
}

async function timed(count: number, run: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const seen = await run();
  const seconds = (performance.now() - start) / 1000;
  if (seen !== count) throw new Error(`replayed ${seen} of ${count} records`);
  return count / seconds;
}

async function replayBinary(dir: string, engine: ExchangeEngine | undefined): Promise<number> {
  const reader = await FileCommandJournal.open({ dir });
  let seen = 0;
  try {
    for await (const batch of reader.read(1)) {
      if (engine !== undefined) for (const record of batch) engine.apply(record);
      seen += batch.length;
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
        const record = deserializeRecord(data.toString('utf8', offset + 16, offset + 16 + length));
        if (engine !== undefined) engine.apply(record);
        seen += 1;
        offset += 16 + length;
      }
      carry = Buffer.from(data.subarray(offset));
    }
  } finally {
    await handle.close();
  }
  return seen;
}
