// /metrics: not public. Prometheus sends the configured bearer token; without METRICS_TOKEN the
// endpoint does not exist. A token rather than a second listen address: Prometheus sends one
// natively, it works through the reverse proxy and in a container with one published port, and
// the server keeps one listener to drain on shutdown.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { notFound } from '../errors';
import { routeLabel } from './routeLabel';
import type { Metrics } from '.';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameToken(offered: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(offered), expected);
}

export function metricsEndpoint(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return (req, res, next) => {
    // Not next(): the client's app shell would answer 200 for any other path.
    if (!expected) {
      next(notFound('Page'));
      return;
    }
    const offered = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameToken(offered, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.setHeader('Cache-Control', 'no-store');
      res
        .status(401)
        .json({ error: { code: 'unauthenticated', message: 'Metrics token required.' } });
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.setHeader('Cache-Control', 'no-store');
        res.type(metrics.registry.contentType).send(text);
      },
      (error: unknown) => next(error),
    );
  };
}

/** Times every request under the pattern of the route it went to (routeLabel.ts). */
export function requestTimer(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // originalUrl: a router on the way (/api) has cut its own prefix off req.path.
      const path = req.originalUrl.split('?')[0] ?? '';
      metrics.httpRequest(req.method, routeLabel(req.method, path), res.statusCode, seconds);
    });
    next();
  };
}
