/**
 * Limits per client (its address, as the trusted proxy reports it: IOC_TRUST_PROXY), in memory:
 * one server process serves the wall. Every refusal goes to the security log.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { SecurityLog } from '../access/security-log.ts';
import { sendError } from './errors.ts';

/** Counts per key in fixed windows; finished windows are forgotten, so the map stays bounded. */
export function windowCounter(windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string) => {
    const now = Date.now();
    let window = windows.get(key);
    if (!window || now - window.start >= windowMs) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    return window;
  };
  return {
    count: (key: string) => current(key).count,
    add: (key: string) => ++current(key).count,
    /** Seconds until the key's window ends. */
    retryAfter: (key: string) => Math.max(1, Math.ceil((current(key).start + windowMs - Date.now()) / 1000)),
  };
}

export function refuseTooMany(req: Request, res: Response, security: SecurityLog, retryAfter: number, message: string): void {
  security.record({ kind: 'rate_limited', actor: (res.locals.actor as { name?: string } | null)?.name ?? null, action: `${req.method} ${req.path}`, client: req.ip ?? '-', detail: message });
  res.set('Retry-After', String(retryAfter));
  sendError(res, 429, 'too_many_requests', message);
}

/** Past `max` requests in a window from one client, 429 with Retry-After. */
export function rateLimit(security: SecurityLog, options: { windowMs: number; max: number; what: string }): RequestHandler {
  const counter = windowCounter(options.windowMs);
  return (req, res, next) => {
    const key = req.ip ?? 'unknown';
    if (counter.add(key) > options.max)
      return refuseTooMany(req, res, security, counter.retryAfter(key), `too many ${options.what}: at most ${options.max} a ${options.windowMs / 1000} s; try again shortly`);
    next();
  };
}

/**
 * At most `max` requests of one client under way at once (its token, else its address), and at
 * most `queue` more waiting their turn: past that, 429. One client cannot take every reader of the
 * database, so the others keep being answered, while a screen asking for its views together (a
 * wall scene has six) is served in turn rather than refused.
 */
export function concurrencyLimit(security: SecurityLog, options: { max: number; queue: number; what: string }): RequestHandler {
  const clients = new Map<string, { running: number; waiting: (() => void)[] }>();
  return (req, res, next) => {
    const actor = res.locals.actor as { id?: number; name?: string } | null;
    const key = actor ? `token:${actor.id || actor.name}` : `address:${req.ip ?? 'unknown'}`;
    const client = clients.get(key) ?? { running: 0, waiting: [] };
    clients.set(key, client);
    if (client.running >= options.max && client.waiting.length >= options.queue)
      return refuseTooMany(req, res, security, 1, `at most ${options.max} ${options.what} at once per client, and ${options.queue} waiting; wait for the ones under way`);
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      if (state !== 'waiting') return;
      state = 'running';
      client.running++;
      next();
    };
    const release = () => {
      if (state === 'waiting') client.waiting.splice(client.waiting.indexOf(start), 1);
      if (state === 'running') {
        client.running--;
        client.waiting.shift()?.();
      }
      state = 'done';
      if (client.running === 0 && client.waiting.length === 0) clients.delete(key);
    };
    res.on('finish', release);
    res.on('close', release);
    if (client.running < options.max) start();
    else client.waiting.push(start);
  };
}
