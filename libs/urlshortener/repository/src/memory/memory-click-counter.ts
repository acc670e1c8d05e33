import type { ClickCounter } from '@mosaic/urlshortener-domain';
import { assertClickDeltas } from '../click-deltas';

/** Click totals in this process's memory. */
export class MemoryClickCounter implements ClickCounter {
  private readonly totals = new Map<string, number>();

  async add(deltas: ReadonlyMap<string, number>): Promise<void> {
    assertClickDeltas(deltas);
    for (const [code, delta] of deltas) this.totals.set(code, (this.totals.get(code) ?? 0) + delta);
  }

  async count(code: string): Promise<number> {
    return this.totals.get(code) ?? 0;
  }
}
