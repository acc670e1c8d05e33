import type { PageOptions } from '@mosaic/kit-ui';

const BODY = `<div class="shortener">
<section class="page-head">
<h1>Shorten a link</h1>
<p class="lead">Paste a long URL, get a short one to share. Links made here are listed below, in this browser only.</p>
</section>
<form id="shorten" class="card" novalidate>
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
<section id="result" class="result card" hidden aria-live="polite">
  <img id="qr" alt="" width="144" height="144">
  <div>
    <a id="short-link" class="short" href="#"></a>
    <div id="target" class="target"></div>
    <div class="actions"><button id="copy" type="button">Copy</button></div>
  </div>
</section>
<section id="recent-section" class="section" hidden>
  <h2>Your recent links</h2>
  <div class="card"><ul id="recent" class="recent"></ul></div>
  <div class="actions"><button id="clear" type="button" class="secondary">Forget this list</button></div>
</section>
</div>`;

/** The shortener's web page: shorten, copy, QR code, and this browser's recent links. */
export const SHORTENER_PAGE: PageOptions = {
  title: 'Shorten a link',
  description: 'Shorten a URL, copy it, share its QR code',
  entry: 'libs/urlshortener/delivery/src/pages/client/shortener-page.ts',
  body: BODY,
};
