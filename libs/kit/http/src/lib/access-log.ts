import type { Logger } from '@mosaic/kit-log';
import type { RequestHandler } from 'express';

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(durationMs * 100) / 100 }, 'request');
    });
    next();
  };
}
