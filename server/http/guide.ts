/**
 * GET /api/indicators/:code/guide: how an indicator is calculated (the catalogue's guide with the
 * rules applied to it: deadline, who reports, how it adds up) and a live example, the province's
 * figure of the last closed period with its numerator and denominator, from the rollup itself.
 */
import { Router } from 'express';
import { deadline, deadlineDays, exampleGrain, expectedReporters, type Catalogue } from '../../data/schema/indicator.ts';
import { reportingRule, type Pack } from '../../data/schema/pack.ts';
import { formatPeriod, lastClosed, today } from '../../data/schema/period.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { sendError } from './errors.ts';

export function guideRouter(store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference): Router {
  const router = Router();
  router.get('/:code/guide', async (req, res) => {
    const indicator = catalogue.indicators.find((i) => i.code === req.params.code);
    if (!indicator) return sendError(res, 404, 'not_found', `no indicator "${req.params.code}"`);
    const day = today(pack.timezone);
    const grain = exampleGrain(indicator);
    // The last closed period, as the wall heads with: a provisional one is no example of the formula's result.
    const period = formatPeriod(lastClosed(grain, deadlineDays(indicator, reportingRule(pack)), day));
    const [row] = (await runView(store, reference, { indicators: [indicator.code], level: 'province', grain, from: period, to: period }, day)).rows;
    res.json({
      indicator,
      deadlineDays: deadlineDays(indicator, reportingRule(pack)),
      deadlineSource: deadline(indicator, reportingRule(pack)).source,
      reporters: expectedReporters(indicator),
      reportingLevel: indicator.reporting_level ?? pack.levels.at(-1)!.id,
      example: { period, value: row?.value ?? null, numerator: row?.numerator ?? null, denominator: row?.denominator ?? null, demo: row?.demo ?? false },
    });
  });
  return router;
}
