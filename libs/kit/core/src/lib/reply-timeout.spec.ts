import { describe, expect, it } from 'vitest';
import { armReplyTimeout, withReplyTimeout } from './reply-timeout';

/** A starved process: nothing else runs for this long, past every deadline below. */
function stallEventLoop(): void {
  const until = Date.now() + 100;
  while (Date.now() < until);
}

describe('reply timeouts', () => {
  it('lets a reply that became due during a stall win over the timeout that was due first', async () => {
    const reply = new Promise<string>((resolve) => setTimeout(() => resolve('answered'), 20));
    const waited = withReplyTimeout(reply, 10, () => new Error('timed out'));
    stallEventLoop();
    await expect(waited).resolves.toBe('answered');
  });

  it('fails a reply that never comes, with the given error', async () => {
    await expect(withReplyTimeout(new Promise(() => undefined), 10, () => new Error('no reply'))).rejects.toThrow('no reply');
  });

  it('calls nothing once cancelled, even between its timer and its extra turn', async () => {
    let fired = 0;
    armReplyTimeout(5, () => fired++)();
    const cancel = armReplyTimeout(5, () => fired++);
    // Same delay, armed later: runs right after the reply timeout's timer, before its extra turn.
    setTimeout(cancel, 5);
    const control = new Promise((resolve) => armReplyTimeout(5, () => resolve(fired++)));
    // Node stamps each timer with the time it was armed: a millisecond passing in between would
    // let the timers phase stop after the first one. Past the stall all three are due together
    // and run in the order they were armed.
    stallEventLoop();
    await control;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toBe(1);
  });
});
