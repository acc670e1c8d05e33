import { describeError } from './error-messages';
import { toast } from './toast';

/**
 * A DOM event handler running async work. The browser never awaits a handler, so a
 * rejection would vanish into the console while the page looks stuck; the work handles
 * the failures it expects, and whatever escapes it is shown to the user here.
 */
export function onAsync<E>(work: (event: E) => Promise<unknown>): (event: E) => void {
  return (event) => {
    // Fire and forget by design: nothing awaits an event handler; the catch reports.
    void work(event).catch((error: unknown) => toast(describeError(error), 'bad'));
  };
}
