import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@mosaic/kit-log';

export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string; route?: string };

/** A JSON logger whose lines land in `lines`, parsed, for tests that assert what was logged. */
export function capturedLogger(name: string): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    name,
    pretty: false,
    destination: new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as LogLine);
        callback();
      },
    }),
  });
  return { logger, lines };
}
