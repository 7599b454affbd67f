/** GET /api/surveillance?indicator=…&level=…[&parent=…][&weeks=12][&to=YYYY-Www]: weekly counts against their epidemic threshold. */
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { surveillanceFromQuery } from '../../data/schema/surveillance.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { runSurveillance } from '../surveillance/run-surveillance.ts';
import { answerRouter } from './answer-router.ts';

export const surveillanceRouter = (store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number) =>
  answerRouter(surveillanceFromQuery, (request) => runSurveillance(store, catalogue, reference, request, today(pack.timezone), timeoutMs));
