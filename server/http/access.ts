/**
 * Authentication over HTTP and Socket.IO. A request carries its token as `Authorization: Bearer
 * …` (API clients, the CLI) or in the HttpOnly cookie a browser gets by opening any screen once
 * with `?token=…` (a wall PC, a tablet): the token is then taken out of the address.
 */
import type { IncomingMessage } from 'node:http';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { allows, ROLES, type Access, type Credential, type Role } from '../access/access.ts';
import { join } from 'node:path';
import { readAudit, recordAudit } from '../store/audit.ts';
import { TargetError, type Targets } from '../reference/targets.ts';
import { backupTo } from '../store/backup.ts';
import type { Store } from '../store/store.ts';
import { sendError } from './errors.ts';
import { refuseTooMany, windowCounter } from './rate-limit.ts';
import type { SecurityLog } from '../access/security-log.ts';
import type { LiveGate } from '../live/index.ts';
import { clientAddressOf, type TrustProxy } from './client-address.ts';

export const COOKIE = 'ioc_token';
const YEAR_SECONDS = 365 * 24 * 3600;

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The token a request or a Socket.IO handshake carries. */
export function tokenOf(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1] ?? cookieToken(req.headers.cookie);
}

/** Who a live connection is: its credential (null when reads are open and it has none) and what its limits count by. */
export interface LiveAdmission {
  credential: Credential | null;
  holder: string;
}

/** Whether a Socket.IO handshake may watch views: the same rule as reads over HTTP. */
export const liveGate =
  (access: Access, openReads: boolean, addressOf: (req: IncomingMessage) => string) =>
  (handshake: IncomingMessage, token: string | undefined): LiveAdmission | null => {
    const credential = access.verify(token ?? tokenOf(handshake));
    if (credential) return { credential, holder: `token:${credential.id || credential.name}` };
    return openReads ? { credential: null, holder: `address:${addressOf(handshake)}` } : null;
  };

/** The live gate of this server: its tokens, its proxy and origin settings, its security log. */
export function liveGateFor(access: Access, security: SecurityLog, settings: { openReads: boolean; trustProxy: TrustProxy; allowedOrigins: string[] }): LiveGate {
  const addressOf = clientAddressOf(settings.trustProxy);
  return {
    admit: liveGate(access, settings.openReads, addressOf),
    origins: settings.allowedOrigins,
    addressOf,
    onRevoke: (listener) => access.onRevoke(listener),
    record: (event) => security.record(event),
  };
}

export const actorOf = (res: Response): Credential | null => (res.locals.actor as Credential | undefined) ?? null;
export const actorName = (res: Response) => actorOf(res)?.name ?? 'anonymous';

export function identify(access: Access): RequestHandler {
  return (req, res, next) => {
    res.locals.actor = access.verify(tokenOf(req));
    next();
  };
}

const security = (res: Response) => res.app.locals.security as SecurityLog;

export function requireRole(role: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const actor = actorOf(res);
    const action = `${req.method} ${req.path}`;
    if (!actor) {
      // A token that was sent but is unknown or revoked is worth noting; no token at all is a first visit.
      if (tokenOf(req)) security(res).record({ kind: 'unauthenticated', actor: null, action, client: req.ip ?? '-', detail: 'unknown or revoked token' });
      return sendError(res, 401, 'unauthenticated', `a ${role} token is needed (Authorization: Bearer …, or open the wall once with ?token=…)`);
    }
    if (!allows(actor.role, role)) {
      security(res).record({ kind: 'forbidden', actor: actor.name, action, client: req.ip ?? '-', detail: `needs ${role}, holds ${actor.role}` });
      return sendError(res, 403, 'forbidden', `this needs the ${role} role; ${actor.name} is ${actor.role}`);
    }
    next();
  };
}

/** The cookie a browser keeps its token in; Secure when the request came over HTTPS (as the trusted proxy says). */
const setCookie = (req: Request, res: Response, token: string) =>
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, maxAge: YEAR_SECONDS * 1000, path: '/' });

/**
 * Failed logins (a token handed over that is not valid) per client: past 10 in a minute, that
 * client's further attempts are refused until the minute ends, which makes guessing slow even
 * before it is hopeless. Successful logins do not count, and a browser that already holds a
 * valid cookie is never refused (a wall reopening its display address keeps working).
 */
export const LOGIN_FAILURES = { windowMs: 60_000, max: 10 };

function loginGuard() {
  const failures = windowCounter(LOGIN_FAILURES.windowMs);
  return {
    blocked: (req: Request) => failures.count(req.ip ?? 'unknown') >= LOGIN_FAILURES.max,
    refuse: (req: Request, res: Response) =>
      refuseTooMany(req, res, security(res), failures.retryAfter(req.ip ?? 'unknown'), `too many failed logins from this address: at most ${LOGIN_FAILURES.max} a minute; try again shortly`),
    fail: (req: Request, res: Response) => {
      failures.add(req.ip ?? 'unknown');
      security(res).record({ kind: 'login_failed', actor: null, action: `${req.method} ${req.path}`, client: req.ip ?? '-', detail: 'unknown or revoked token offered' });
    },
  };
}

/** A screen opened with ?token=…: the token becomes the cookie and leaves the address. */
export function tokenFromAddress(access: Access): RequestHandler {
  const guard = loginGuard();
  return (req, res, next) => {
    const token = req.query.token;
    if (req.method !== 'GET' || typeof token !== 'string') return next();
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.delete('token');
    const address = url.pathname + url.search;
    const offered = access.verify(token);
    if (offered) {
      setCookie(req, res, token);
      return res.redirect(303, address);
    }
    // The wall already holds a valid cookie: the stale address is only tidied, never refused.
    if (actorOf(res)) return res.redirect(303, address);
    if (guard.blocked(req)) return guard.refuse(req, res);
    guard.fail(req, res);
    res.status(401).type('text/plain').send('This token is not valid (unknown or revoked). Ask an administrator for a display token.');
  };
}

export function sessionRouter(access: Access): Router {
  const router = Router();
  const guard = loginGuard();
  router.post('/', express.json({ limit: '4kb' }), (req, res) => {
    if (guard.blocked(req)) return guard.refuse(req, res);
    const token = (req.body as { token?: unknown })?.token;
    const credential = typeof token === 'string' ? access.verify(token) : null;
    if (!credential) {
      guard.fail(req, res);
      return sendError(res, 401, 'unauthenticated', 'this token is not valid (unknown or revoked)');
    }
    setCookie(req, res, token as string);
    res.json({ name: credential.name, role: credential.role });
  });
  router.delete('/', (_req, res) => {
    res.clearCookie(COOKIE, { path: '/' });
    res.status(204).end();
  });
  return router;
}

/** Admin: tokens, targets, the audit log, the security log, and backups of the database into `backupDir`. */
export function adminRouter(access: Access, store: Store, targets: Targets, backupDir: string, security: SecurityLog): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/tokens', async (_req, res) => res.json(await access.list()));
  router.post('/tokens', express.json({ limit: '4kb' }), async (req, res) => {
    const { name, role } = (req.body ?? {}) as { name?: unknown; role?: unknown };
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) return sendError(res, 400, 'bad_request', 'name the token holder (1–100 characters)');
    if (!ROLES.includes(role as Role)) return sendError(res, 400, 'bad_request', `role must be one of ${ROLES.join(', ')}`);
    const made = await access.create(name.trim(), role as Role, actorName(res));
    res.status(201).json({ ...made.credential, token: made.token, note: 'The token is shown this once; only its hash is kept.' });
  });
  router.delete('/tokens/:id', async (req, res) => {
    const id = Number(req.params.id);
    if (!(await access.revoke(id, actorName(res)))) return sendError(res, 404, 'not_found', `no active token ${req.params.id}`);
    res.status(204).end();
  });
  router.get('/targets', async (_req, res) => res.json(await targets.list()));
  router.post('/targets', express.json({ limit: '16kb' }), async (req, res) => {
    const { indicator, ...target } = (req.body ?? {}) as { indicator?: unknown };
    try {
      res.status(201).json(await targets.set(typeof indicator === 'string' ? indicator : '', target, actorName(res)));
    } catch (err) {
      if (err instanceof TargetError) return sendError(res, 400, 'bad_target', err.message);
      throw err;
    }
  });
  router.delete('/targets/:id', async (req, res) => {
    if (!(await targets.withdraw(Number(req.params.id), actorName(res)))) return sendError(res, 404, 'not_found', `no target ${req.params.id} set over the API`);
    res.status(204).end();
  });
  router.get('/audit', async (_req, res) => res.json(await readAudit(store)));
  router.get('/security', async (_req, res) => res.json(await security.list()));
  router.post('/backup', async (_req, res) => {
    const file = join(backupDir, `ioc-${new Date().toISOString().replace(/[:.]/g, '-')}.duckdb`);
    const made = await backupTo(store, file);
    await recordAudit(store, actorName(res), 'backup', file, { facts: made.facts, batches: made.batches });
    res.status(201).json(made);
  });
  return router;
}
