import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { isStrict } from './availability';

/** Debian's Chromium; browser suites never download one. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless as root on a machine that reaches no outside network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A suite driving the system Chromium through playwright-core. Without Chromium it
 * skips loudly, and under CI=true it fails instead, like the real-backend suites.
 */
export function describeWithChromium(name: string, body: (browser: () => Browser) => void): void {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `${CHROMIUM_PATH} is missing (run \`npm run services -- up chromium\`)`;
    if (isStrict()) {
      describe(name, () => {
        it('has a browser', () => {
          throw new Error(`strict mode (CI=true): ${reason}`);
        });
      });
    } else {
      console.warn(`\n⚠ SKIPPED browser suite "${name}": ${reason}\n`);
      describe.skip(name, () => body(() => undefined as never));
    }
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    }, 60_000);
    afterAll(async () => browser?.close());
    body(() => {
      if (!browser) throw new Error(`${name}: Chromium has not started`);
      return browser;
    });
  });
}
