export { linkCreatorKey } from './http/link-creator-key';
export type { LinkResponse, LinkStatsResponse } from './http/link-responses';
export { qrCodeSvg } from './qr/qr-svg';
export { createUrlshortenerRouter } from './urlshortener-router';
export type { UrlshortenerRouterOptions } from './urlshortener-router';
