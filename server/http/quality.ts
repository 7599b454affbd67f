/** GET /api/quality?level=…&from=YYYY-MM&to=YYYY-MM[&parent=…][&indicator=…]: completeness, timeliness and flags. */
import { Router } from 'express';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { qualityFromQuery } from '../../data/schema/quality.ts';
import { runQuality } from '../quality/run-quality.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';

export function qualityRouter(store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { request, errors } = qualityFromQuery(req.query as Record<string, unknown>);
    if (!request) return res.status(400).json({ error: 'bad_request', message: errors.join('; '), errors });
    try {
      res.json(await runQuality(store, catalogue, reference, request, today(pack.timezone), timeoutMs));
    } catch (err) {
      if (err instanceof ViewError) return res.status(400).json({ error: 'bad_request', message: err.message, errors: err.errors });
      throw err;
    }
  });
  return router;
}
