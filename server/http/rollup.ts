/** GET /api/rollup?indicators=…&level=…&grain=…&last=… (or from/to): the answer to a view. */
import { Router } from 'express';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { viewFromQuery } from '../../data/schema/view.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView, ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';

export function rollupRouter(store: Store, pack: Pack, reference: RollupReference): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { view, errors } = viewFromQuery(req.query as Record<string, unknown>);
    if (!view) return res.status(400).json({ error: 'bad_view', message: errors.join('; '), errors });
    try {
      res.json(await runView(store, reference, view, today(pack.timezone)));
    } catch (err) {
      if (err instanceof ViewError) return res.status(400).json({ error: 'bad_view', message: err.message, errors: err.errors });
      throw err;
    }
  });
  return router;
}
