/** GET /api/forecast?indicator=…&unit=…[&to=YYYY-MM]: a unit's monthly series forecast to a month, against the target in force then. */
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { forecastFromQuery } from '../../data/schema/forecast.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { runForecast } from '../forecast/run-forecast.ts';
import { answerRouter } from './answer-router.ts';

export const forecastRouter = (store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number) =>
  answerRouter(forecastFromQuery, (request) => runForecast(store, pack, catalogue, reference, request, today(pack.timezone), timeoutMs));
