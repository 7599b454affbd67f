/**
 * GET /api/scores?level=area&period=2026-11[&parent=…][&method=arithmetic|geometric][&w.<component|indicator>=…]
 * [&g.<indicator>=minmax:MIN:MAX|target:FLOOR][&set=INDICATOR:UNIT:VALUE…][&el=FROM:TO:COEFFICIENT…][&draws=1000][&concentration=50][&seed=…]:
 * scores of every unit of a level for one period, their ranks and how sure they are, and what-ifs.
 * Everything is in the URL, so a link keeps the weights.
 */
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { scoresFromQuery, type ScoreScheme } from '../../data/schema/scores.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runScores } from '../scores/run-scores.ts';
import type { Store } from '../store/store.ts';
import { answerRouter } from './answer-router.ts';

export const scoresRouter = (store: Store, pack: Pack, catalogue: Catalogue, reference: RollupReference, scheme: ScoreScheme, timeoutMs: number) =>
  answerRouter(
    (query) => scoresFromQuery(query, scheme, catalogue),
    (request) => runScores({ store, pack, catalogue, reference, scheme, timeoutMs }, request, today(pack.timezone)),
  );
