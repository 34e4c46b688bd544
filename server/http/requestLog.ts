import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';

/**
 * One log line per request, when it ends: a 5xx at `error` (with an error naming the status,
 * as pino-http wrote it), a 4xx at `warn`, anything else at `debug`, each with the method,
 * the path without its query, the status and the time taken. It replaces pino-http
 * (ADR 33), which did the same but built a child logger for every request — serialising the
 * request up front, whether or not the line was ever written — and left no trace outside
 * the line it wrote (nothing reads `req.log`).
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const statusCode = res.statusCode;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'debug';
      if (!log.isLevelEnabled(level)) return;
      const line = { req: { method: req.method, url: req.originalUrl.split('?')[0] }, res: { statusCode }, responseTime: Date.now() - started };
      if (level === 'error') log.error({ ...line, err: new Error(`failed with status code ${statusCode}`) }, 'request errored');
      else log[level](line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
