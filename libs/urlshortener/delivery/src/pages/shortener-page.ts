import { htmlDocument, type HtmlDocument } from './html-document';
import { PAGE_STYLE } from './page-style';

const BODY = `<main>
<h1>Shorten a link</h1>
<p class="lead">Paste a long URL, get a short one to share. Links made here are listed below, in this browser only.</p>
<form id="shorten" novalidate>
  <label for="url">Long URL</label>
  <input id="url" name="url" type="url" inputmode="url" autocomplete="off" placeholder="https://example.com/a/very/long/path" required>
  <div class="row">
    <div>
      <label for="alias">Custom alias <small>(optional)</small></label>
      <input id="alias" name="alias" autocomplete="off" maxlength="32" placeholder="3–32 letters, digits, _ or -">
    </div>
    <div>
      <label for="expiry">Expires</label>
      <select id="expiry" name="expiry">
        <option value="0">Never</option>
        <option value="3600">In an hour</option>
        <option value="86400">In a day</option>
        <option value="604800">In a week</option>
        <option value="2592000">In 30 days</option>
      </select>
    </div>
  </div>
  <div class="actions"><button id="submit" type="submit">Shorten</button></div>
  <p id="error" class="error" role="alert" aria-live="assertive"></p>
</form>
<section id="result" class="result" hidden aria-live="polite">
  <img id="qr" alt="" width="144" height="144">
  <div>
    <a id="short-link" class="short" href="#"></a>
    <div id="target" class="target"></div>
    <div class="actions"><button id="copy" type="button">Copy</button></div>
  </div>
</section>
<section id="recent-section" hidden>
  <h2>Your recent links</h2>
  <ul id="recent" class="recent"></ul>
  <div class="actions"><button id="clear" type="button" class="secondary">Forget this list</button></div>
</section>
</main>`;

/**
 * Plain DOM code, no framework: every value from the server or from storage goes
 * into the page through textContent or an attribute, never as markup.
 */
const SCRIPT = `(() => {
'use strict';
const STORAGE_KEY = 'mosaic.urlshortener.recent';
const MAX_RECENT = 20;
const $ = (id) => document.getElementById(id);
const form = $('shorten'), urlInput = $('url'), aliasInput = $('alias'), expiry = $('expiry'), submit = $('submit'), errorBox = $('error');
const result = $('result'), shortLink = $('short-link'), target = $('target'), qr = $('qr'), copyButton = $('copy');
const recentSection = $('recent-section'), recentList = $('recent');

const isLink = (item) => item && typeof item.code === 'string' && typeof item.shortUrl === 'string' && typeof item.url === 'string';
function loadRecent() {
  try {
    const items = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(items) ? items.filter(isLink) : [];
  } catch { return []; }
}
function saveRecent(items) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(items.slice(0, MAX_RECENT))); } catch { /* storage full or disabled: the list is a convenience */ }
}

function flash(button, label) {
  button.dataset.label = button.dataset.label || button.textContent;
  button.textContent = label;
  setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
}
async function copy(text, button) {
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

function describeError(status, payload, retryAfter) {
  const message = payload && payload.error && typeof payload.error.message === 'string' ? payload.error.message : 'The server answered ' + status;
  return status === 429 && retryAfter ? message + ' — try again in ' + retryAfter + ' s.' : message;
}

function showResult(link) {
  shortLink.href = link.shortUrl;
  shortLink.textContent = link.shortUrl;
  target.textContent = '→ ' + link.url + (link.expiresAt ? ' (expires ' + new Date(link.expiresAt).toLocaleString() + ')' : '');
  qr.src = '/api/v1/links/' + encodeURIComponent(link.code) + '/qr.svg';
  qr.alt = 'QR code for ' + link.shortUrl;
  result.hidden = false;
}

function recentItem(link) {
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
  button.className = 'secondary';
  button.textContent = 'Copy';
  button.addEventListener('click', () => copy(link.shortUrl, button));
  item.append(text, clicks, button);
  fetch('/api/v1/links/' + encodeURIComponent(link.code), { headers: { Accept: 'application/json' } })
    .then((response) => response.ok ? response.json() : Promise.reject(response.status))
    .then((stats) => { clicks.textContent = stats.clicks === 1 ? '1 click' : stats.clicks + ' clicks'; })
    .catch((status) => { clicks.textContent = status === 404 ? 'gone' : ''; });
  return item;
}

function renderRecent() {
  const items = loadRecent();
  recentList.replaceChildren(...items.map(recentItem));
  recentSection.hidden = items.length === 0;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorBox.textContent = '';
  const url = urlInput.value.trim();
  if (!url) { errorBox.textContent = 'Paste the URL to shorten first.'; urlInput.focus(); return; }
  const body = { url };
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
    const payload = await response.json().catch(() => null);
    if (!response.ok || !isLink(payload)) {
      errorBox.textContent = describeError(response.status, payload, response.headers.get('Retry-After'));
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
});

copyButton.addEventListener('click', () => copy(shortLink.textContent, copyButton));
$('clear').addEventListener('click', () => { saveRecent([]); renderRecent(); });
renderRecent();
})();`;

/** The shortener's web page: shorten, copy, QR code, and this browser's recent links. */
export function shortenerPage(): HtmlDocument {
  return htmlDocument({ title: 'Shorten a link · Mosaic', style: PAGE_STYLE, body: BODY, script: SCRIPT });
}
