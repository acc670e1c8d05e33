/**
 * The baseline: a bare express app whose only route answers the redirect the
 * shortener answers for a cached code, with no lookup, no ids, no metrics.
 * Started as a child process by main.ts; prints `listening:<port>`.
 */
import express from 'express';

const location = process.argv[2] ?? 'https://example.com/';
const app = express();
app.disable('x-powered-by');
app.get('/:code', (_req, res) => {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.end();
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
