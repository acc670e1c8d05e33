/** Time as a port: use cases and domains read it from here so tests can move it. */
export interface Clock {
  now(): Date;
  nowMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
};

/** A clock that moves only when told to; for tests and deterministic replays. */
export class ManualClock implements Clock {
  constructor(private currentMs = Date.UTC(2026, 0, 1)) {}

  now(): Date {
    return new Date(this.currentMs);
  }

  nowMs(): number {
    return this.currentMs;
  }

  set(ms: number | Date): void {
    this.currentMs = typeof ms === 'number' ? ms : ms.getTime();
  }

  advance(ms: number): void {
    this.currentMs += ms;
  }
}
