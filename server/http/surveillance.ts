/** GET /api/surveillance?indicator=…&level=…[&parent=…][&weeks=12][&to=YYYY-Www]: weekly counts against their epidemic threshold. */
import { Router } from 'express';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { surveillanceFromQuery } from '../../data/schema/surveillance.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { runSurveillance } from '../surveillance/run-surveillance.ts';

export function surveillanceRouter(store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { request, errors } = surveillanceFromQuery(req.query as Record<string, unknown>);
    if (!request) return res.status(400).json({ error: 'bad_request', message: errors.join('; '), errors });
    try {
      res.json(await runSurveillance(store, catalogue, reference, request, today(pack.timezone), timeoutMs));
    } catch (err) {
      if (err instanceof ViewError) return res.status(400).json({ error: 'bad_request', message: err.message, errors: err.errors });
      throw err;
    }
  });
  return router;
}
