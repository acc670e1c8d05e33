import type { ClickCounter } from '@mosaic/urlshortener-domain';
import { MemoryClickCounter } from '@mosaic/urlshortener-repository';
import { describe, expect, it } from 'vitest';
import { ClickBuffer } from './click-buffer';

/** Stores batches like the memory counter, failing while `down` is set, and remembers every batch it got. */
class FlakyCounter implements ClickCounter {
  down = false;
  readonly batches: Record<string, number>[] = [];
  private readonly stored = new MemoryClickCounter();

  async add(deltas: ReadonlyMap<string, number>): Promise<void> {
    this.batches.push(Object.fromEntries(deltas));
    if (this.down) throw new Error('counter unavailable');
    await this.stored.add(deltas);
  }

  count(code: string): Promise<number> {
    return this.stored.count(code);
  }
}

function setup(maxPendingCodes?: number) {
  const counter = new FlakyCounter();
  const errors: string[] = [];
  const buffer = new ClickBuffer(counter, { onError: (error, context) => void errors.push(`${context}: ${(error as Error).message}`), maxPendingCodes });
  return { counter, buffer, errors };
}

describe('ClickBuffer', () => {
  it('adds up clicks per code and stores them as one batch', async () => {
    const { counter, buffer } = setup();
    for (let i = 0; i < 5; i++) buffer.record('aaa1111');
    buffer.record('bbb2222');
    expect(buffer.pendingFor('aaa1111')).toBe(5);
    await buffer.flush();
    expect(counter.batches).toEqual([{ aaa1111: 5, bbb2222: 1 }]);
    expect(buffer.pendingFor('aaa1111')).toBe(0);
    expect(await counter.count('aaa1111')).toBe(5);
  });

  it('writes nothing when nothing was recorded', async () => {
    const { counter, buffer } = setup();
    await buffer.flush();
    expect(counter.batches).toEqual([]);
  });

  it('keeps counting a batch as pending while it is being written', async () => {
    const { buffer } = setup();
    buffer.record('aaa1111');
    const flushing = buffer.flush();
    buffer.record('aaa1111');
    expect(buffer.pendingFor('aaa1111')).toBe(2);
    await flushing;
    expect(buffer.pendingFor('aaa1111')).toBe(1);
    expect(buffer.storedBatches).toBe(1);
  });

  it('puts a batch that failed to store back, and stores it with the next one', async () => {
    const { counter, buffer } = setup();
    buffer.record('aaa1111');
    counter.down = true;
    await expect(buffer.flush()).rejects.toThrow('counter unavailable');
    expect(buffer.pendingFor('aaa1111')).toBe(1);
    buffer.record('aaa1111');
    counter.down = false;
    await buffer.flush();
    expect(await counter.count('aaa1111')).toBe(2);
    expect(buffer.storedBatches).toBe(1);
  });

  it('lets concurrent flushes share the work and store every click once', async () => {
    const { counter, buffer } = setup();
    buffer.record('aaa1111');
    const first = buffer.flush();
    buffer.record('aaa1111');
    await Promise.all([first, buffer.flush(), buffer.flush()]);
    expect(await counter.count('aaa1111')).toBe(2);
    expect(counter.batches).toEqual([{ aaa1111: 1 }, { aaa1111: 1 }]);
  });

  it('flushes early when too many distinct codes wait, reporting failures', async () => {
    const { counter, buffer, errors } = setup(3);
    buffer.record('aaa1111');
    buffer.record('bbb2222');
    expect(counter.batches).toEqual([]);
    buffer.record('ccc3333');
    await expect.poll(() => counter.batches.length).toBe(1);
    counter.down = true;
    for (const code of ['ddd4444', 'eee5555', 'fff6666']) buffer.record(code);
    await expect.poll(() => errors).toEqual(['storing click counts: counter unavailable']);
    expect(buffer.pendingFor('fff6666')).toBe(1);
  });

  it('stops flushing early while the counter fails, leaving retries to the timer', async () => {
    const { counter, buffer } = setup(2);
    counter.down = true;
    buffer.record('aaa1111');
    buffer.record('bbb2222');
    await expect.poll(() => counter.batches.length).toBe(1);
    for (let i = 0; i < 100; i++) buffer.record(`code${i}xx`);
    expect(counter.batches).toHaveLength(1);
    counter.down = false;
    await buffer.flush();
    expect(await counter.count('code99xx')).toBe(1);
    buffer.record('ccc3333');
    buffer.record('ddd4444');
    await expect.poll(() => counter.batches.length).toBe(3);
  });

  it('stores the last clicks when stopped', async () => {
    const { counter, buffer } = setup();
    buffer.start(60_000);
    buffer.record('aaa1111');
    await buffer.stop();
    expect(await counter.count('aaa1111')).toBe(1);
  });

  it('flushes on its interval once started', async () => {
    const { counter, buffer } = setup();
    buffer.start(10);
    buffer.record('aaa1111');
    await expect.poll(() => counter.count('aaa1111')).toBe(1);
    await buffer.stop();
  });

  it('closes as a server resource by storing what is left', async () => {
    const { counter, buffer } = setup();
    const resource = buffer.asResource();
    buffer.record('aaa1111');
    await resource.check();
    await resource.close();
    expect(resource.name).toBe('urlshortener-clicks');
    expect(await counter.count('aaa1111')).toBe(1);
  });

  it('refuses a flush interval that is not a positive integer', () => {
    expect(() => setup().buffer.start(0)).toThrow(RangeError);
  });
});
