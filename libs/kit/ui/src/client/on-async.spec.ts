import { afterEach, describe, expect, it, vi } from 'vitest';
import { onAsync } from './on-async';

/** The toast host, as much of the DOM as a toast touches. */
function toastHost(): string[] {
  const shown: string[] = [];
  const host = { append: (item: { textContent: string }) => shown.push(item.textContent) };
  vi.stubGlobal('document', {
    getElementById: (id: string) => (id === 'mx-toasts' ? host : null),
    createElement: () => ({ className: '', textContent: '', remove: () => undefined }),
  });
  return shown;
}

describe('onAsync', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs the work with the event and returns nothing for the DOM to ignore', async () => {
    const seen: string[] = [];
    const handler = onAsync(async (event: string) => {
      seen.push(event);
    });
    expect(handler('submit')).toBeUndefined();
    await vi.waitFor(() => expect(seen).toEqual(['submit']));
  });

  it('shows a failure the work did not handle instead of losing it', async () => {
    const shown = toastHost();
    onAsync(() => Promise.reject(new Error('boom')))('click');
    await vi.waitFor(() => expect(shown).toHaveLength(1));
  });
});
