/**
 * The baseline: a bare express app whose only route answers a checkout with a fixed
 * code — no validation, no gate, no store, no ids, no metrics. Started as a child
 * process by main.ts; prints `listening:<port>`.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.post('/checkout', (_req, res) => {
  res.json({ code: 'AAAAAAAAAAAAAAAAAAAAAA', saleId: '2026120110', items: [] });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
