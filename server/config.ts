/** Server settings from the environment, with the defaults a fresh clone runs on. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBriefingTime, type BriefingTime } from './briefing/schedule.ts';
import { parseTrustProxy, type TrustProxy } from './http/client-address.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Config {
  host: string;
  port: number;
  packId: string;
  packDir: string;
  catalogueFile: string;
  boundariesFile: string;
  clientDir: string;
  /** The DuckDB file; built from data/ on first start. */
  databaseFile: string;
  /** DuckDB's memory cap; it spills to disk past it. */
  databaseMemory: string;
  /** Load generated demo figures on first start (IOC_DEMO=off for real figures only). */
  demo: boolean;
  /** Where generated demo CSVs are written before they are ingested (beside the database: filesDirOf). */
  demoDir: string;
  /** Where weekly briefings are written, and when they are made ("mon 07:00", pack time zone), or null: never. */
  briefingDir: string;
  briefingAt: BriefingTime | null;
  /** IOC_READS=open lets anyone who reaches the server read (a closed network); by default reads need a viewer token. */
  openReads: boolean;
  /** Uploads one client may make in a minute (IOC_INGEST_PER_MINUTE), and the largest (IOC_MAX_UPLOAD, e.g. "200mb"). */
  ingestPerMinute: number;
  maxUpload: string;
  /** Where backups are written (IOC_BACKUP_DIR). */
  backupDir: string;
  /** Startup refuses a disk with less free space than this (IOC_MIN_FREE_MB). */
  minFreeMb: number;
  /** A read (a view, a quality request) still running after this is stopped with 503 (IOC_QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
  /** The reverse proxies whose X-Forwarded-For and -Proto are believed (IOC_TRUST_PROXY: off, loopback, subnets). */
  trustProxy: TrustProxy;
  /** Origins besides the server's own that may open live connections (IOC_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins: string[];
}

function briefingTime(text: string): BriefingTime | null {
  if (text === 'off') return null;
  const time = parseBriefingTime(text);
  if ('error' in time) throw new Error(`IOC_BRIEFING_AT must be ${time.error} (or "off")`);
  return time;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0, got "${text}"`);
  return n;
}

/**
 * The folder of the files made for a database (its demo CSVs, briefings, backups): beside it and
 * named after it (var/ioc.duckdb → var/ioc/), so that walls of several packs, each on its own
 * IOC_DB, run side by side from one checkout and never write or read each other's files.
 */
export function filesDirOf(databaseFile: string): string {
  return databaseFile.endsWith('.duckdb') ? databaseFile.slice(0, -'.duckdb'.length) : `${databaseFile}.files`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const packId = env.IOC_PACK ?? 'ninh-thuan';
  const databaseFile = resolve(repoRoot, env.IOC_DB ?? 'var/ioc.duckdb');
  const files = filesDirOf(databaseFile);
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    packId,
    packDir: resolve(repoRoot, 'data/packs', packId),
    catalogueFile: resolve(repoRoot, 'data/catalogue/indicators.yaml'),
    boundariesFile: resolve(repoRoot, 'geo', packId, 'boundaries.topo.json'),
    clientDir: resolve(env.IOC_CLIENT_DIR ?? resolve(repoRoot, 'dist/client')),
    databaseFile,
    databaseMemory: env.IOC_DB_MEMORY ?? '400MB',
    demo: (env.IOC_DEMO ?? 'on') !== 'off',
    demoDir: env.IOC_DEMO_DIR ? resolve(repoRoot, env.IOC_DEMO_DIR) : join(files, 'demo'),
    briefingDir: env.IOC_BRIEFING_DIR ? resolve(repoRoot, env.IOC_BRIEFING_DIR) : join(files, 'briefings'),
    briefingAt: briefingTime(env.IOC_BRIEFING_AT ?? 'mon 07:00'),
    openReads: env.IOC_READS === 'open',
    ingestPerMinute: Number(env.IOC_INGEST_PER_MINUTE ?? 120),
    maxUpload: env.IOC_MAX_UPLOAD ?? '200mb',
    backupDir: env.IOC_BACKUP_DIR ? resolve(repoRoot, env.IOC_BACKUP_DIR) : join(files, 'backups'),
    minFreeMb: Number(env.IOC_MIN_FREE_MB ?? 100),
    queryTimeoutMs: positive('IOC_QUERY_TIMEOUT_MS', env.IOC_QUERY_TIMEOUT_MS ?? '5000'),
    trustProxy: parseTrustProxy(env.IOC_TRUST_PROXY),
    allowedOrigins: (env.IOC_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
