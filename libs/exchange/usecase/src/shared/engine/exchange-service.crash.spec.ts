import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExchangeEngine, type JournalRecord } from '@mosaic/exchange-domain';
import { FileCommandJournal, FileSnapshotStore } from '@mosaic/exchange-repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeService } from './exchange-service';

const ROOT = resolve(import.meta.dirname, '../../../../../..');
const WRITER = resolve(import.meta.dirname, '../../test-support/fixtures/crash-writer.ts');

interface Ack {
  seq: number;
  ref: string;
}

/**
 * Runs the writer in a child process and SIGKILLs it once it has acknowledged
 * `killAfter` commands, in the middle of a stream of concurrent submits (counted, not
 * timed: a kill after a fixed time could come before the first snapshot on a loaded
 * machine). Returns what it acknowledged before dying.
 */
function runAndKill(dir: string, round: number, killAfter: number): Promise<Ack[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(round)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let buffered = '';
    let errors = '';
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, seq, ref] = line.split(' ');
        if (kind === 'ack') acks.push({ seq: Number(seq), ref });
      }
      if (acks.length >= killAfter) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer exited on its own (code ${code}): ${errors}`));
      else done(acks);
    });
  });
}

async function journalRecords(journal: FileCommandJournal): Promise<Map<number, JournalRecord>> {
  const bySeq = new Map<number, JournalRecord>();
  for await (const batch of journal.read(1)) for (const record of batch) bySeq.set(record.seq, record);
  return bySeq;
}

describe('crash recovery of the exchange writer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-crash-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('loses no acknowledged command when the writer is killed mid-stream, twice', { timeout: 300_000 }, async () => {
    const acknowledged: Ack[] = [];
    for (const [round, killAfter] of [
      [1, 4_000],
      [2, 2_500],
    ]) {
      const acks = await runAndKill(dir, round, killAfter);
      expect(acks.length).toBeGreaterThan(0);
      acknowledged.push(...acks);

      // The killed writer's lock is taken over once stale.
      const journal = await FileCommandJournal.open({ dir: join(dir, 'journal'), lock: { staleMs: 2_000 } });
      try {
        const records = await journalRecords(journal);
        // Every acknowledged command is in the journal, at the sequence number it was acknowledged with.
        for (const ack of acknowledged) expect(records.get(ack.seq)?.command.ref, `command ${ack.seq}`).toBe(ack.ref);
        expect(journal.lastSeq).toBeGreaterThanOrEqual(Math.max(...acknowledged.map((ack) => ack.seq)));
        expect([...records.keys()]).toEqual(Array.from({ length: journal.lastSeq }, (_, i) => i + 1));

        // Restart = latest snapshot + journal tail, and it equals a full replay.
        const snapshots = new FileSnapshotStore({ dir: join(dir, 'snapshots') });
        expect((await snapshots.latest())?.seq).toBeGreaterThan(0);
        const service = await ExchangeService.open({ journal, snapshots, snapshotEvery: 0 });
        const replayed = new ExchangeEngine();
        for (const record of records.values()) replayed.apply(record);
        expect(service.queries.lastSeq).toBe(journal.lastSeq);
        expect(service.queries.stateHash()).toBe(replayed.stateHash());
        expect(replayed.audit()).toEqual([]);

        // A client retrying an acknowledged command is told it already happened.
        const retried = acknowledged[acknowledged.length - 1];
        const retry = await service.submit({ ...records.get(retried.seq)!.command });
        expect(retry).toMatchObject({ seq: retried.seq, duplicate: true });
        await service.close();
      } finally {
        await journal.close();
      }
    }
  });
});
