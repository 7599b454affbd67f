/** GET /api/forecast?indicator=…&unit=…[&to=YYYY-MM]: a unit's monthly series forecast to a month, against the target in force then. */
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { forecastFromQuery, type ForecastRequest } from '../../data/schema/forecast.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import type { Store } from '../store/store.ts';
import { runForecast } from '../forecast/run-forecast.ts';
import { answerRouter } from './answer-router.ts';
import { untilCommit } from './until-commit.ts';

export function forecastRouter(store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, timeoutMs: number) {
  // The day is part of the key: the last complete month, and the target in force, move with it.
  const answer = untilCommit(
    store,
    ({ request, day }: { request: ForecastRequest; day: string }) => runForecast(store, pack, catalogue, reference, request, day, timeoutMs),
    ({ request, day }) => JSON.stringify([request, day]),
  );
  return answerRouter(forecastFromQuery, (request) => answer({ request, day: today(pack.timezone) }));
}
