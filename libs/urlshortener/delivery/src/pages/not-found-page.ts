import { htmlDocument, type HtmlDocument } from './html-document';
import { PAGE_STYLE } from './page-style';

/** What a browser sees for a short link that does not exist, was deleted or has expired. Static, so built once. */
export function notFoundPage(shortenerPath: string): HtmlDocument {
  return htmlDocument({
    title: 'Link not found · Mosaic',
    style: PAGE_STYLE,
    body: `<main>
<h1>This short link does not exist</h1>
<p class="lead">It may have been mistyped, deleted by its owner, or it has expired.</p>
<p><a href="${encodeURI(shortenerPath)}">Shorten a link of your own</a></p>
</main>`,
  });
}
