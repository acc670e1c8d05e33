import type { Link } from '@mosaic/urlshortener-domain';

export interface LinkResponse {
  code: string;
  shortUrl: string;
  url: string;
  expiresAt: string | null;
  createdAt: string;
}

export interface LinkStatsResponse extends LinkResponse {
  clicks: number;
}

export function toLinkResponse(link: Link, base: string): LinkResponse {
  return {
    code: link.code.value,
    shortUrl: `${base}/${link.code.value}`,
    url: link.url,
    expiresAt: link.expiresAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
  };
}
