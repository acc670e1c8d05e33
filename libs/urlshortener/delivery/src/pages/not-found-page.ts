import type { PageOptions } from '@mosaic/kit-ui';

/** What a browser sees for a short link that does not exist, was deleted or has expired. */
export function notFoundPage(shortenerPath: string): PageOptions {
  return {
    title: 'Link not found',
    body: `<section class="card narrow">
<h1>This short link does not exist</h1>
<p class="lead">It may have been mistyped, deleted by its owner, or it has expired.</p>
<div class="actions"><a class="button" href="${encodeURI(shortenerPath)}">Shorten a link of your own</a></div>
</section>`,
  };
}
