/**
 * A fixed-window rate limit per client address: past `max` requests in a window, 429 with
 * Retry-After. In memory: one server process serves the wall.
 */
import type { RequestHandler } from 'express';
import { sendError } from './errors.ts';

export function rateLimit(options: { windowMs: number; max: number; what: string }): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const now = Date.now();
    const key = req.ip ?? 'unknown';
    let window = windows.get(key);
    if (!window || now - window.start >= options.windowMs) {
      // Forget finished windows now and then, so the map cannot grow without bound.
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    if (++window.count > options.max) {
      res.set('Retry-After', String(Math.ceil((window.start + options.windowMs - now) / 1000)));
      return sendError(res, 429, 'too_many_requests', `too many ${options.what}: at most ${options.max} a ${options.windowMs / 1000} s; try again shortly`);
    }
    next();
  };
}
