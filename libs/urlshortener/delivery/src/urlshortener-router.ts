import { apiRouter, principalOf, requirePrincipal, type FastRoute } from '@mosaic/kit-http';
import { assetHandler, definePage, sendPage } from '@mosaic/kit-ui';
import { linkErrors, ShortCode } from '@mosaic/urlshortener-domain';
import type { UrlshortenerUseCases } from '@mosaic/urlshortener-usecase';
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { createLinkBody, linkCodeParams, seedShortenBody } from './http/link-requests';
import { toLinkResponse, type LinkStatsResponse } from './http/link-responses';
import { fastRedirect, redirectHandler, seedRedirectHandler, type LinkNotFoundResponder } from './http/redirect-handler';
import { shortUrlBaseResolver } from './http/short-url-base';
import { notFoundPage } from './pages/not-found-page';
import { SHORTENER_PAGE } from './pages/shortener-page';
import { qrCodeSvg } from './qr/qr-svg';

export interface UrlshortenerRouterOptions {
  useCases: Pick<UrlshortenerUseCases, 'createLink' | 'resolveLink' | 'inspectLink' | 'deleteLink'>;
  /** Runs before link creation: the app's rate limiter (per user, else per client IP). */
  createLinkLimiter: RequestHandler;
  /** Where short links are reached, e.g. "https://sho.rt"; default the scheme and host of each request. */
  publicUrl?: string;
  /** Without a public URL: the Host headers links may be built on (default: loopback names); others get the first. */
  allowedHosts?: readonly string[];
  /** Path of the web page: "/" on the shortener's own server, "/s/" inside the platform. */
  pagePath?: string;
}

export interface UrlshortenerRouter extends Router {
  /**
   * `GET /:code` on its own, for apps that mount it as a top-level route: the hot
   * path then skips the nested router's dispatch. The router serves it too.
   */
  readonly redirect: RequestHandler;
  /** `GET /:code` of a link in process memory, for the app's fast routes (the router and `redirect` answer the rest). */
  readonly fastRedirect: FastRoute;
}

/**
 * Every HTTP route of the shortener. Mount it after the app's other routes: its
 * `/:code` matches any single path segment (though it passes on reserved words
 * and anything that cannot be a code).
 */
export function createUrlshortenerRouter(options: UrlshortenerRouterOptions): UrlshortenerRouter {
  const { createLink, resolveLink, inspectLink, deleteLink } = options.useCases;
  const pagePath = options.pagePath ?? '/';
  assertPagePath(pagePath);
  const baseOf = shortUrlBaseResolver(options.publicUrl, options.allowedHosts);
  const missingPage = notFoundPage(pagePath);

  const linkNotFound: LinkNotFoundResponder = (req, res, code) => {
    // The page only fails if its assets cannot be built; the answer is still a 404.
    if (req.accepts(['json', 'html']) === 'html')
      void sendPage(req, res, { ...missingPage, status: 404 }).catch(() => res.headersSent || res.status(404).end());
    else res.status(404).json({ error: linkErrors.linkNotFound(code).toJSON() });
  };
  const apiNotFound: LinkNotFoundResponder = (_req, _res, code) => {
    throw linkErrors.linkNotFound(code);
  };

  const router = apiRouter({ tags: ['urlshortener'] });

  // First, so the hot path skips matching every other route. It only ever takes a
  // single path segment and passes on anything that cannot be a code (including the
  // page path's own segment, "s" in "/s/"), so the routes below still get theirs.
  const redirect = redirectHandler(resolveLink, linkNotFound);
  router.define(
    {
      method: 'get',
      path: '/:code',
      summary: 'Follow a short link',
      request: { params: linkCodeParams },
      responses: { 302: { description: 'To the long URL' }, 404: { description: 'No such link' } },
    },
    (req, res, _input, next) => redirect(req, res, next),
  );

  router.define(
    {
      method: 'post',
      path: '/api/v1/links',
      summary: 'Shorten a URL, optionally under an alias (owned when signed in)',
      principal: 'optional',
      before: [options.createLinkLimiter],
      request: { body: createLinkBody },
      responses: { 201: { description: 'The link' }, 409: { description: 'The alias is taken' }, 429: { description: 'Too many links created' } },
    },
    async (req, res, { body }) => {
      const link = await createLink.execute({
        url: body.url,
        alias: body.alias ?? undefined,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        ownerId: principalOf(req)?.id,
        requestHost: req.get('host'),
      });
      res
        .status(201)
        .location(`/api/v1/links/${link.code.value}`)
        .json(toLinkResponse(link, baseOf(req)));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/api/v1/links/:code',
      summary: 'A link and its click count',
      request: { params: linkCodeParams },
      responses: { 200: { description: 'The link' }, 404: { description: 'No such link' } },
    },
    async (req, res, { params }) => {
      const { link, clicks } = await inspectLink.execute(params.code);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ ...toLinkResponse(link, baseOf(req)), clicks } satisfies LinkStatsResponse);
    },
  );

  router.define(
    {
      method: 'delete',
      path: '/api/v1/links/:code',
      summary: 'Delete a link you own',
      principal: 'required',
      request: { params: linkCodeParams },
      responses: { 204: { description: 'Deleted' } },
    },
    async (req, res, { params }) => {
      const principal = requirePrincipal(req);
      await deleteLink.execute({ code: params.code, principalId: principal.id });
      res.status(204).end();
    },
  );

  router.define(
    {
      method: 'get',
      path: '/api/v1/links/:code/qr.svg',
      summary: "The short link's QR code",
      request: { params: linkCodeParams },
      responses: { 200: { description: 'An SVG image', body: z.string(), contentType: 'image/svg+xml' }, 404: { description: 'No such link' } },
    },
    async (req, res, { params }) => {
      const link = await resolveLink.execute(params.code, false);
      if (!link) throw linkErrors.linkNotFound(params.code);
      const shortUrl = `${baseOf(req)}/${link.code.value}`;
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.type('image/svg+xml').send(await qrCodeSvg(shortUrl, shortUrl));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/api/v1/data/shorten',
      summary: 'Shorten a URL (the seed API)',
      principal: 'optional',
      before: [options.createLinkLimiter],
      request: { body: seedShortenBody },
      responses: { 201: { description: '{ shortURL }' } },
    },
    async (req, res, { body }) => {
      const link = await createLink.execute({ url: body.longURL, ownerId: principalOf(req)?.id, requestHost: req.get('host') });
      res.status(201).json({ shortURL: `${baseOf(req)}/${link.code.value}` });
    },
  );

  const seedRedirect = seedRedirectHandler(resolveLink, apiNotFound);
  router.define(
    {
      method: 'get',
      path: '/api/v1/shortUrl/:code',
      summary: 'Follow a short link (the seed API): always 301',
      request: { params: linkCodeParams },
      responses: { 301: { description: 'To the long URL' } },
    },
    (req, res, _input, next) => seedRedirect(req, res, next),
  );

  // Routing is not strict about the trailing slash: "/s" serves the page as "/s/" does.
  definePage(router, pagePath, SHORTENER_PAGE);
  // The page's script and styles, for apps that do not serve the shared assets themselves.
  router.use(assetHandler);
  return Object.assign(router, { redirect, fastRedirect: fastRedirect(resolveLink) });
}

/**
 * The page needs a path no short link can take: "/" (no code is empty), or one
 * whose first segment is a reserved word such as "s" — otherwise an alias could
 * shadow the page, or the page an alias.
 */
function assertPagePath(pagePath: string): void {
  if (!/^\/([A-Za-z0-9_-]+\/)*$/.test(pagePath)) throw new TypeError(`pagePath must start and end with "/", got "${pagePath}"`);
  const first = pagePath.split('/')[1] ?? '';
  if (first !== '' && ShortCode.couldExist(first)) {
    throw new TypeError(`pagePath "${pagePath}" could be taken by a short link; start it with a reserved word such as "/s/"`);
  }
}
