/**
 * The floor under every case: node:http alone answering the same 302, with no
 * framework, ids, metrics or lookup. Started as a child process by main.ts; prints
 * `listening:<port>`.
 */
import { createServer } from 'node:http';

const location = process.argv[2] ?? 'https://example.com/';
const server = createServer((_req, res) => {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
