export { linkCreatorKey } from './http/link-creator-key';
export type { LinkResponse, LinkStatsResponse } from './http/link-responses';
export { encodeQr } from './qr/qr-code';
export type { QrCode } from './qr/qr-code';
export { qrCodeSvg } from './qr/qr-svg';
export type { ErrorCorrectionLevel } from './qr/qr-tables';
export { createUrlshortenerRouter } from './urlshortener-router';
export type { UrlshortenerRouterOptions } from './urlshortener-router';
