/** The Express app: the JSON API under /api and the built client for every other path. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Pack } from '../../data/schema/pack.ts';

export interface AppOptions {
  pack: Pack;
  boundariesFile: string;
  clientDir: string;
}

export function createApp({ pack, boundariesFile, clientDir }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const startedAt = new Date().toISOString();

  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', pack: pack.id, units: pack.units.length, facilities: pack.facilities.length, startedAt });
  });
  app.get('/api/pack', (_req, res) => {
    const { crosswalk: _c, formerUnits: _f, ...summary } = pack;
    res.json(summary);
  });
  app.get('/api/boundaries', (_req, res) => {
    res.type('application/json').sendFile(boundariesFile, { maxAge: '1h' });
  });
  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'not_found', message: `no API route ${req.method} ${req.originalUrl}` });
  });

  const index = join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { maxAge: 0 });
    else res.status(503).type('text/plain').send('The client is not built: run `npm run build` (npm start does it).');
  });
  return app;
}
