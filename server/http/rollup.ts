/** GET /api/rollup?indicators=…&level=…&grain=…&last=… (or from/to): the answer to a view. */
import { Router } from 'express';
import type { Pack } from '../../data/schema/pack.ts';
import { parsePeriod, today } from '../../data/schema/period.ts';
import { viewFromQuery } from '../../data/schema/view.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView } from '../rollup/run-view.ts';
import { answerRouter } from './answer-router.ts';
import { sourcesOf } from '../rollup/sources.ts';
import type { Store } from '../store/store.ts';

export const rollupRouter = (store: Store, pack: Pack, reference: RollupReference, timeoutMs: number) =>
  answerRouter(
    (query) => {
      const { view, errors } = viewFromQuery(query);
      return { request: view, errors };
    },
    (view) => runView(store, reference, view, today(pack.timezone), timeoutMs),
    'bad_view',
  );

/** GET /api/sources?indicators=a,b&from=YYYY-MM-DD&to=YYYY-MM-DD[&unit=CODE]: the sources of those figures (for printed pages). */
export function sourcesRouter(store: Store): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const text = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : '');
    const indicators = text('indicators').split(',').filter(Boolean);
    const [from, to] = [text('from'), text('to')];
    const day = (d: string) => {
      const p = parsePeriod(d);
      return !('error' in p) && p.grain === 'day';
    };
    if (indicators.length === 0 || !day(from) || !day(to))
      return res.status(400).json({ error: 'bad_request', message: 'give indicators=a,b and the days from=YYYY-MM-DD and to=YYYY-MM-DD' });
    res.json(await sourcesOf(store, indicators, from, to, text('unit') || null));
  });
  return router;
}
