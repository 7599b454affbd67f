/** Server settings from the environment, with the defaults a fresh clone runs on. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Config {
  host: string;
  port: number;
  packId: string;
  packDir: string;
  boundariesFile: string;
  clientDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const packId = env.IOC_PACK ?? 'ninh-thuan';
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    packId,
    packDir: resolve(repoRoot, 'data/packs', packId),
    boundariesFile: resolve(repoRoot, 'geo', packId, 'boundaries.topo.json'),
    clientDir: resolve(env.IOC_CLIENT_DIR ?? resolve(repoRoot, 'dist/client')),
  };
}
