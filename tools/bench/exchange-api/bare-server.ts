/**
 * The baseline: a bare express app whose only route parses the order JSON and
 * answers an order-shaped JSON body, with no auth, validation, journal or engine.
 * Started as a child process by main.ts; prints `listening:<port>`.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
let id = 0;
app.post('/api/orders', express.json(), (req, res) => {
  const body = req.body as Record<string, unknown>;
  res.json({
    id: String(++id),
    productId: body.productId,
    side: body.side,
    type: body.type,
    price: body.price,
    size: body.size,
    status: 'open',
    createdAt: new Date().toISOString(),
  });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
