import { describe, it } from 'vitest';
import { contestScenario } from './contest-scenario';

describe('the flash-sale contest on the embedded default', () => {
  it('sells every item exactly once, nobody over the limit, nothing stranded', async () => {
    await contestScenario({}, { total: 300, users: 120, concurrency: 32 });
  }, 400_000);
});
