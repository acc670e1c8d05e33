import type { FastAnswer, FastRoute } from '@mosaic/kit-http';
import { ShortCode, type Link } from '@mosaic/urlshortener-domain';
import type { ResolveLink } from '@mosaic/urlshortener-usecase';
import type { Request, RequestHandler, Response } from 'express';
import type { ServerResponse } from 'node:http';

/** What to send for a code that leads nowhere. */
export type LinkNotFoundResponder = (req: Request, res: Response, code: string) => void;

/**
 * `GET /:code`, the hot path. A link held in memory is answered without awaiting
 * anything and with no allocation beyond the response; only a cold code waits on
 * the cache or the database. Paths that cannot be codes (reserved words such as
 * `health` or `exchange`, dotted file names) fall through to the next route, so the
 * router may be mounted before other top-level routes.
 */
export function redirectHandler(resolveLink: ResolveLink, notFound: LinkNotFoundResponder): RequestHandler {
  return (req, res, next) => {
    const code = req.params.code as string;
    // HEAD is a link checker or a preview, not a visit.
    const visit = req.method === 'GET';
    const cached = resolveLink.peek(code, visit);
    if (cached) return redirect(res, cached);
    if (cached === null) return notFound(req, res, code);
    if (!ShortCode.couldExist(code)) return next();
    resolveLink.execute(code, visit).then((found) => (found ? redirect(res, found) : notFound(req, res, code)), next);
  };
}

/**
 * `GET /:code` for a link held in process memory, answered ahead of express (see
 * kit-http's FastRoute) and counted as a click. Everything else — a cold or unknown
 * code, HEAD, a path that is not a plain single segment — is declined and reaches
 * `redirectHandler` on express, which answers it as before.
 */
export function fastRedirect(resolveLink: ResolveLink): FastRoute {
  return {
    method: 'GET',
    path: '/:code',
    answer(params) {
      const cached = resolveLink.peek(params.code as string, true);
      return cached ? redirectAnswer(cached) : undefined;
    },
  };
}

/** The seed's `GET /api/v1/shortUrl/:code`: always 301, JSON 404. */
export function seedRedirectHandler(resolveLink: ResolveLink, notFound: LinkNotFoundResponder): RequestHandler {
  return async (req, res) => {
    const code = req.params.code as string;
    const found = await resolveLink.execute(code);
    if (!found) return notFound(req, res, code);
    res.statusCode = 301;
    res.setHeader('Location', found.url);
    res.end();
  };
}

// Browsers keep a 301 until told otherwise; a day still lets repeat visits count.
const PERMANENT_CACHE_CONTROL = 'public, max-age=86400';

/** The redirect to a link, as the fast route returns it and `redirect` sends it. */
function redirectAnswer(link: Link): FastAnswer {
  return link.isPermanent
    ? { status: 301, headers: ['Cache-Control', PERMANENT_CACHE_CONTROL, 'Location', link.url] }
    : { status: 302, headers: ['Location', link.url] };
}

function redirect(res: ServerResponse, link: Link): void {
  // Bypasses res.redirect(), which renders a body per Accept header on every call.
  const { status, headers } = redirectAnswer(link);
  res.statusCode = status;
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i] as string, headers[i + 1] as string);
  res.end();
}
