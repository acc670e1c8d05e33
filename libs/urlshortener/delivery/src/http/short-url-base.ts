import type { Request } from 'express';

/** Loopback names: what a server trusts by default when nothing else is configured. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/;

/**
 * Where short links (and their QR codes) are reached: the configured public URL; else
 * the scheme and host this request came in on, but only for a host in `allowedHosts`
 * (by name, or name and port). Any other Host header is a client's word, which could
 * plant an attacker's domain in links and codes others receive: those get the first
 * allowed host on this server's port instead.
 */
export function shortUrlBaseResolver(publicUrl: string | undefined, allowedHosts: readonly string[] = LOOPBACK_HOSTS): (req: Request) => string {
  if (publicUrl !== undefined) {
    const base = new URL(publicUrl);
    const fixed = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    return () => fixed;
  }
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  const fallback = allowedHosts[0]?.toLowerCase() ?? 'localhost';
  return (req) => {
    const host = (req.get('host') ?? '').toLowerCase();
    const match = HOST.exec(host);
    if (match && (allowed.has(host) || allowed.has(match[1]))) return `${req.protocol}://${host}`;
    const port = HOST.exec(fallback)?.[2] ? '' : `:${req.socket.localPort}`;
    return `${req.protocol}://${fallback}${port}`;
  };
}
