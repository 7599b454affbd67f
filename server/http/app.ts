/** The Express app: the JSON API under /api and the built client for every other path. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { Catalogue } from '../../data/schema/indicator.ts';
import { reportingRule, unplacedFormerUnits, type Pack } from '../../data/schema/pack.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import type { Briefings } from '../briefing/briefings.ts';
import type { Targets } from '../reference/targets.ts';
import { batchesRouter } from './batches.ts';
import { briefingsRouter, exportRouter } from './briefings.ts';
import { guideRouter } from './guide.ts';
import type { Access } from '../access/access.ts';
import { adminRouter, identify, requireRole, sessionRouter, tokenFromAddress } from './access.ts';
import { concurrencyLimit, rateLimit } from './rate-limit.ts';
import type { SecurityLog } from '../access/security-log.ts';
import type { TrustProxy } from './client-address.ts';
import { healthOf } from './health.ts';
import type { AttentionHub } from '../attention/attention-hub.ts';
import { securityHeaders } from './security-headers.ts';
import { referenceRouter } from './reference.ts';
import { qualityRouter } from './quality.ts';
import { surveillanceRouter } from './surveillance.ts';
import { forecastRouter } from './forecast.ts';
import { scoresRouter } from './scores.ts';
import type { ScoreScheme } from '../../data/schema/scores.ts';
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import { rollupRouter, sourcesRouter } from './rollup.ts';
import { errorHandler, sendError } from './errors.ts';
import { exchangeExportRouter } from './exchange-export.ts';
import { openApiDocument } from './openapi.ts';
import type { Push } from '../push/push.ts';
import { pushRouter } from './push.ts';

export interface AppOptions {
  pack: Pack;
  catalogue: Catalogue;
  store: Store;
  reference: RollupReference;
  targets: Targets;
  boundariesFile: string;
  clientDir: string;
  briefings: Briefings;
  access: Access;
  /** Reads without a token (a closed operations-room network); writes always need one. */
  openReads: boolean;
  /** Uploads a client may make in a minute before 429, and the largest upload (bytes, or "200mb") before 413. */
  ingestPerMinute: number;
  maxUpload: string | number;
  /** Where POST /api/admin/backup writes. */
  backupDir: string;
  /** Failed and refused access, for an administrator to read. */
  security: SecurityLog;
  /** The reverse proxies believed about the client's address and scheme (IOC_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** How long a view or quality request may read before it is stopped with 503 (IOC_QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
  attention: AttentionHub;
  /** The reviewed scoring scheme (GET /api/scores). */
  scoreScheme: ScoreScheme;
  /** The pack's DHIS2/ADX mapping, for uploads in those formats (null: refused). */
  exchangeMapping: ExchangeMapping | null;
  /** Receivers the server pushes figures to, and their outbox (admin only). */
  push: Push;
}

/** Heavy reads (views, exports, quality, sources) one client may have under way at once, and waiting. */
const READS_PER_CLIENT = { max: 4, queue: 16 };

export function createApp(options: AppOptions): Express {
  const { pack, catalogue, store, reference, boundariesFile, clientDir, briefings, access, targets, security } = options;
  const app = express();
  app.disable('x-powered-by');
  // Behind the reverse proxy the README recommends: req.ip is the client, req.secure its scheme.
  app.set('trust proxy', options.trustProxy);
  app.locals.security = security;
  app.use(securityHeaders);
  // The wall's scripts and answers cross the provincial network: compress them.
  app.use(compression());
  const startedAt = new Date().toISOString();

  // Health answers from memory, so it stays quick however busy the database is.
  const health = healthOf(store);
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', pack: pack.id, units: pack.units.length, facilities: pack.facilities.length, ...health.current(), startedAt });
  });
  // The API's description needs no token: it holds no figures.
  const description = openApiDocument({ ...options, readsPerClient: READS_PER_CLIENT });
  app.get('/api/openapi.json', (_req, res) => res.json(description));
  app.use('/api/session', sessionRouter(access));
  app.use(identify(access));
  app.use(tokenFromAddress(access));
  if (!options.openReads) app.use('/api', requireRole('viewer'));
  app.use('/api/admin', adminRouter(access, store, targets, options.backupDir, security));
  app.use('/api/admin', pushRouter(options.push));
  app.get('/api/pack', (_req, res) => {
    const { crosswalk: _c, formerUnits: _f, ...summary } = pack;
    res.json({ ...summary, reporting: reportingRule(pack), unplaced: unplacedFormerUnits(pack) });
  });
  app.get('/api/boundaries', (_req, res) => {
    res.type('application/json').sendFile(boundariesFile, { maxAge: '1h' });
  });
  app.use('/api/indicators', guideRouter(store, pack, catalogue, reference));
  app.use('/api', referenceRouter(pack, catalogue));
  const reads = concurrencyLimit(security, { ...READS_PER_CLIENT, what: 'views, exports, quality or source requests' });
  app.use('/api/rollup', reads, rollupRouter(store, pack, reference, options.queryTimeoutMs));
  app.use('/api/sources', reads, sourcesRouter(store));
  app.use('/api/export', exportRouter(briefings));
  app.use('/api/export', reads, exchangeExportRouter(store, pack, catalogue, reference, options.exchangeMapping, options.queryTimeoutMs));
  app.use('/api/briefings', briefingsRouter(briefings, store));
  app.use('/api/quality', reads, qualityRouter(store, pack, catalogue, reference, options.queryTimeoutMs));
  app.use('/api/surveillance', reads, surveillanceRouter(store, pack, catalogue, reference, options.queryTimeoutMs));
  app.use('/api/forecast', reads, forecastRouter(store, pack, catalogue, reference, options.queryTimeoutMs));
  app.use('/api/scores', reads, scoresRouter(store, pack, catalogue, reference, options.scoreScheme, options.queryTimeoutMs));
  app.get('/api/attention', reads, async (_req, res) => res.json(await options.attention.latest()));
  app.use('/api/batches', batchesRouter(store, pack, options.exchangeMapping, rateLimit(security, { windowMs: 60_000, max: options.ingestPerMinute, what: 'uploads' }), options.maxUpload));
  app.use('/api', (req, res) => sendError(res, 404, 'not_found', `no API route ${req.method} ${req.originalUrl}`));

  const index = join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { maxAge: 0 });
    else res.status(503).type('text/plain').send('The client is not built: run `npm run build` (npm start does it).');
  });
  app.use(errorHandler);
  return app;
}
