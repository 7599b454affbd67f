/** GET /api/quality?level=…&from=YYYY-MM&to=YYYY-MM[&parent=…][&indicator=…]: completeness, timeliness and flags. */
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { qualityFromQuery } from '../../data/schema/quality.ts';
import { runQuality } from '../quality/run-quality.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { answerRouter } from './answer-router.ts';

export const qualityRouter = (store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number) =>
  answerRouter(qualityFromQuery, (request) => runQuality(store, catalogue, reference, request, today(pack.timezone), timeoutMs));
