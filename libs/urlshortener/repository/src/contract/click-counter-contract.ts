import type { ClickCounter } from '@mosaic/urlshortener-domain';
import { describe, expect, it } from 'vitest';
import { anUnusedCode } from '../test-support/link-mother';

export interface ClickCounterHarness {
  readonly counter: ClickCounter;
  dispose?(): Promise<void>;
}

/** What every ClickCounter backend must do; run once per backend, unchanged. */
export function clickCounterContract(name: string, makeHarness: () => Promise<ClickCounterHarness>): void {
  describe(`ClickCounter contract: ${name}`, () => {
    async function withCounter(test: (counter: ClickCounter) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      try {
        await test(harness.counter);
      } finally {
        await harness.dispose?.();
      }
    }

    it('counts zero for a code never clicked', () =>
      withCounter(async (counter) => {
        expect(await counter.count(anUnusedCode())).toBe(0);
      }));

    it('adds a batch to each code and accumulates batches', () =>
      withCounter(async (counter) => {
        const [a, b] = [anUnusedCode(), anUnusedCode()];
        await counter.add(
          new Map([
            [a, 3],
            [b, 1],
          ]),
        );
        await counter.add(new Map([[a, 2]]));
        expect(await counter.count(a)).toBe(5);
        expect(await counter.count(b)).toBe(1);
      }));

    it('tells codes apart by case', () =>
      withCounter(async (counter) => {
        const code = `case${anUnusedCode().toLowerCase()}`;
        await counter.add(new Map([[code, 1]]));
        expect(await counter.count(code.toUpperCase())).toBe(0);
      }));

    it('takes an empty batch as nothing to do', () =>
      withCounter(async (counter) => {
        await expect(counter.add(new Map())).resolves.toBeUndefined();
      }));

    it('stores a batch of thousands of codes', () =>
      withCounter(async (counter) => {
        const codes = Array.from({ length: 2_500 }, () => anUnusedCode());
        await counter.add(new Map(codes.map((code, i) => [code, i + 1])));
        const [first, last] = [codes.at(0) ?? '', codes.at(-1) ?? ''];
        expect(await counter.count(first)).toBe(1);
        expect(await counter.count(last)).toBe(2_500);
      }));

    it('loses no click when batches from many flushers overlap', () =>
      withCounter(async (counter) => {
        const codes = Array.from({ length: 5 }, () => anUnusedCode());
        // Each flusher lists the codes in another order: storage must not deadlock or drop any.
        const rotated = (by: number) => [...codes.slice(by % codes.length), ...codes.slice(0, by % codes.length)];
        await Promise.all(Array.from({ length: 20 }, (_, flusher) => counter.add(new Map(rotated(flusher).map((code) => [code, 1])))));
        for (const code of codes) expect(await counter.count(code)).toBe(20);
      }));

    it('refuses a batch with a delta that is not a positive integer, storing none of it', () =>
      withCounter(async (counter) => {
        const [good, bad] = [anUnusedCode(), anUnusedCode()];
        for (const delta of [0, -1, 1.5, Number.NaN]) {
          await expect(
            counter.add(
              new Map([
                [good, 1],
                [bad, delta],
              ]),
            ),
          ).rejects.toThrow(RangeError);
        }
        expect(await counter.count(good)).toBe(0);
      }));
  });
}
