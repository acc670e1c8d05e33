/**
 * The floor under any Mosaic route: a kit-http app set up as the shortener's is
 * (telemetry, request ids, metrics, access log at warn) whose only route answers a
 * fixed 302. The gap between it and the bare handler is the kit's per-request
 * work; the gap between it and the shortener is the shortener's own.
 * Started as a child process by main.ts; prints `listening:<port>`.
 */
import { initTelemetry } from '@mosaic/kit-telemetry';
import { buildHttpApp, startServer } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';

const location = process.argv[2] ?? 'https://example.com/';
const telemetry = initTelemetry({ serviceName: 'bench-kit-floor' });
const http = buildHttpApp({
  logger: createLogger({ name: 'bench-kit-floor', level: 'warn', pretty: false }),
  telemetry,
  mount: (app) => {
    app.get('/:code', (_req, res) => {
      res.statusCode = 302;
      res.setHeader('Location', location);
      res.end();
    });
  },
});
void startServer(http, { port: 0, host: '127.0.0.1' }).then((running) => process.stdout.write(`listening:${running.port}\n`));
