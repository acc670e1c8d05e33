export type ToastKind = 'info' | 'good' | 'bad';

const VISIBLE_MS = 4000;

/** A short message in the corner, read out by screen readers, gone after a few seconds. */
export function toast(message: string, kind: ToastKind = 'info'): void {
  const host = document.getElementById('mx-toasts');
  if (!host) return;
  const item = document.createElement('div');
  item.className = kind === 'info' ? 'toast' : `toast ${kind}`;
  item.textContent = message;
  host.append(item);
  setTimeout(() => item.remove(), VISIBLE_MS);
}
