import { onAsync, startPage } from '@mosaic/kit-ui/client';
import './shortener-page.css';

/**
 * Plain DOM code, no framework: every value from the server or from storage goes
 * into the page through textContent or an attribute, never as markup.
 */
interface Link {
  code: string;
  shortUrl: string;
  url: string;
  expiresAt?: string | null;
}

const STORAGE_KEY = 'mosaic.urlshortener.recent';
const MAX_RECENT = 20;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page lacks #${id}`);
  return element as T;
}

const form = byId<HTMLFormElement>('shorten');
const urlInput = byId<HTMLInputElement>('url');
const aliasInput = byId<HTMLInputElement>('alias');
const expiry = byId<HTMLSelectElement>('expiry');
const submit = byId<HTMLButtonElement>('submit');
const errorBox = byId('error');
const result = byId('result');
const shortLink = byId<HTMLAnchorElement>('short-link');
const target = byId('target');
const qr = byId<HTMLImageElement>('qr');
const copyButton = byId<HTMLButtonElement>('copy');
const recentSection = byId('recent-section');
const recentList = byId('recent');

const isLink = (item: unknown): item is Link => {
  const link = item as Link | null;
  return !!link && typeof link.code === 'string' && typeof link.shortUrl === 'string' && typeof link.url === 'string';
};

function loadRecent(): Link[] {
  try {
    const items: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(items) ? items.filter(isLink) : [];
  } catch {
    return [];
  }
}

function saveRecent(items: Link[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(items.slice(0, MAX_RECENT)));
  } catch {
    // Storage full or disabled: the list is a convenience.
  }
}

function flash(button: HTMLButtonElement, label: string): void {
  button.dataset.label = button.dataset.label || button.textContent || '';
  button.textContent = label;
  setTimeout(() => (button.textContent = button.dataset.label ?? ''), 1500);
}

async function copy(text: string, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    flash(button, 'Copied');
  } catch {
    const scratch = document.createElement('textarea');
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    const copied = document.execCommand('copy');
    scratch.remove();
    flash(button, copied ? 'Copied' : 'Press Ctrl+C');
  }
}

function describeError(status: number, payload: { error?: { message?: unknown } } | null, retryAfter: string | null): string {
  const message = typeof payload?.error?.message === 'string' ? payload.error.message : `The server answered ${status}`;
  return status === 429 && retryAfter ? `${message} — try again in ${retryAfter} s.` : message;
}

function showResult(link: Link): void {
  shortLink.href = link.shortUrl;
  shortLink.textContent = link.shortUrl;
  target.textContent = `→ ${link.url}${link.expiresAt ? ` (expires ${new Date(link.expiresAt).toLocaleString()})` : ''}`;
  qr.src = `/api/v1/links/${encodeURIComponent(link.code)}/qr.svg`;
  qr.alt = `QR code for ${link.shortUrl}`;
  result.hidden = false;
}

function recentItem(link: Link): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.code = link.code;
  const text = document.createElement('div');
  const anchor = document.createElement('a');
  anchor.href = link.shortUrl;
  anchor.textContent = link.shortUrl;
  const destination = document.createElement('div');
  destination.className = 'target';
  destination.textContent = link.url;
  destination.title = link.url;
  text.append(anchor, destination);
  const clicks = document.createElement('span');
  clicks.className = 'clicks';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary small';
  button.textContent = 'Copy';
  button.addEventListener('click', () => void copy(link.shortUrl, button));
  item.append(text, clicks, button);
  fetch(`/api/v1/links/${encodeURIComponent(link.code)}`, { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? (response.json() as Promise<{ clicks: number }>) : Promise.reject(response.status)))
    .then((stats) => (clicks.textContent = stats.clicks === 1 ? '1 click' : `${stats.clicks} clicks`))
    .catch((status: unknown) => (clicks.textContent = status === 404 ? 'gone' : ''));
  return item;
}

function renderRecent(): void {
  const items = loadRecent();
  recentList.replaceChildren(...items.map(recentItem));
  recentSection.hidden = items.length === 0;
}

form.addEventListener(
  'submit',
  onAsync(async (event: SubmitEvent) => {
    event.preventDefault();
    errorBox.textContent = '';
    const url = urlInput.value.trim();
    if (!url) {
      errorBox.textContent = 'Paste the URL to shorten first.';
      urlInput.focus();
      return;
    }
    const body: Record<string, string> = { url };
    if (aliasInput.value.trim()) body.alias = aliasInput.value.trim();
    const seconds = Number(expiry.value);
    if (seconds > 0) body.expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
    submit.disabled = true;
    try {
      const response = await fetch('/api/v1/links', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const payload: unknown = await response.json().catch(() => null);
      if (!response.ok || !isLink(payload)) {
        errorBox.textContent = describeError(response.status, payload as { error?: { message?: unknown } } | null, response.headers.get('Retry-After'));
        return;
      }
      showResult(payload);
      saveRecent([payload, ...loadRecent().filter((item) => item.code !== payload.code)]);
      renderRecent();
      aliasInput.value = '';
    } catch {
      errorBox.textContent = 'Could not reach the server. Check the connection and try again.';
    } finally {
      submit.disabled = false;
    }
  }),
);

copyButton.addEventListener('click', () => void copy(shortLink.textContent ?? '', copyButton));
byId('clear').addEventListener('click', () => {
  saveRecent([]);
  renderRecent();
});
startPage();
renderRecent();
