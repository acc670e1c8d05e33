/**
 * The baselines: a bare express app whose `GET /:code` answers the redirect the
 * shortener answers for a cached code (no lookup, no ids, no metrics), and whose
 * `POST /api/v1/links` does the least a link creation must: parse the JSON body,
 * check its shape and that the URL is http(s), draw a random code, store the link
 * once in a map and answer 201 with it. Started as a child process by main.ts;
 * prints `listening:<port>`.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { z } from 'zod';

const location = process.argv[2] ?? 'https://example.com/';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const body = z.strictObject({ url: z.string() });
const links = new Map<string, string>();

const app = express();
app.disable('x-powered-by');
app.get('/:code', (_req, res) => {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.end();
});
app.post('/api/v1/links', express.json(), (req, res) => {
  const parsed = body.safeParse(req.body);
  const url = parsed.success && URL.canParse(parsed.data.url) ? new URL(parsed.data.url) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    res.status(400).json({ code: 'invalid_url', message: 'url must be an http(s) URL' });
    return;
  }
  const code = Array.from(randomBytes(7), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  links.set(code, url.href);
  res
    .status(201)
    .location(`/api/v1/links/${code}`)
    .json({ code, url: url.href, shortUrl: `http://${req.get('host')}/${code}` });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
