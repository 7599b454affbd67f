/**
 * `npm run bench:scores`: scores (issue 16) over the 10M-fact bench database (tests/bench/
 * bench-database.ts, built once). Times, in process with the server's memory cap:
 * (a) scores and ranks of every unit ranked (the 7 areas and the 24 communes) for every month of
 *     the last complete year: one rollup view per level, the two side by side, then the
 *     normalisation, components, totals and ranks; target: median ≤ 200 ms;
 * (b) 1,000 sensitivity draws (Dirichlet weights, half of them with the other method) for the
 *     24 communes of the last month; target: median ≤ 1 s; and the same for all 24 rankings of (a);
 * then (c) GET /api/scores for the communes with 1,000 draws through a real server process.
 */
import { formatPeriod, lastCompleted, periodOf } from '../../data/schema/period.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { loadScoreScheme, scoresFile } from '../../server/reference/load-scores.ts';
import { loadTargetsInto, targetFiles } from '../../server/reference/load-targets.ts';
import { loadRollupReference } from '../../server/rollup/reference.ts';
import { modelFor, scoresOverPeriods } from '../../server/scores/run-scores.ts';
import { sensitivity } from '../../server/scores/sensitivity.ts';
import { openStore } from '../../server/store/store.ts';
import { BENCH_DATABASE, ensureBenchDatabase, factsIn } from './bench-database.ts';
import { startServerProcess } from './server-process.ts';
import { measure, ms } from './stats.ts';

const WARM_RUNS = 30;
const TARGETS = { scores: 200, draws: 1000 };

// The bench database: built on first run (a few minutes); one already built is used as it is.
let facts = await factsIn(BENCH_DATABASE);
if (facts === 0) facts = await ensureBenchDatabase().catch(async (err: Error) => (console.warn(`note: ${err.message}`), factsIn(BENCH_DATABASE)));
console.log(`database: ${facts.toLocaleString('en')} facts in ${BENCH_DATABASE}${facts < 10_000_000 ? ' (fewer than 10M: the demo generator makes this many today)' : ''}`);

const config = readConfig({});
const pack = loadPack(`${repoRoot}/data/packs/ninh-thuan`);
const catalogue = loadCatalogue(config.catalogueFile);
loadTargetsInto(catalogue, pack, targetFiles(config.catalogueFile, config.packDir));
const scheme = loadScoreScheme(scoresFile(config.catalogueFile), catalogue);
const store = await openStore(BENCH_DATABASE, { memoryLimit: config.databaseMemory });
const reference = await loadRollupReference(store, pack);
const context = { store, pack, catalogue, reference, scheme };
const model = modelFor(scheme, catalogue, { weights: {}, goalposts: {}, method: scheme.method });

const [{ last }] = (await store.query<{ last: string }>('SELECT max(period_end)::VARCHAR AS last FROM facts')) as [{ last: string }];
const to = lastCompleted('month', last);
const from = periodOf('month', `${Number(to.start.slice(0, 4)) - 1}-${to.start.slice(5, 7)}-15`);
const span = { grain: 'month' as const, from: formatPeriod({ grain: 'month', start: nextMonth(from.start) }), to: formatPeriod(to) };
// The units that are ranked against each other: areas and communes (the province is one unit, ranked alone).
const levels = pack.levels.map((l) => l.id).filter((l) => l !== pack.levels[0]!.id);
console.log(`months ${span.from} … ${span.to}; levels ${levels.join(', ')}; scheme: ${model.components.length} components, ${model.components.reduce((n, c) => n + c.indicators.length, 0)} indicators`);

function nextMonth(start: string): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

const allScores = () => Promise.all(levels.map((level) => scoresOverPeriods(context, model, { level, ...span })));
const scored = await allScores();
const rankings = scored.flatMap((s) => s.periods);
const units = scored.reduce((n, s) => n + (s.periods[0]?.units.length ?? 0), 0);
const ranked = rankings.reduce((n, p) => n + p.units.filter((u) => u.rank !== null).length, 0);
console.log(`(a) covers ${units} units × ${scored[0]!.periods.length} months = ${rankings.length} rankings, ${ranked} unit-months with a total`);

const lines: { name: string; timing: Awaited<ReturnType<typeof measure>>; target: number | null }[] = [];
lines.push({ name: '(a) scores, every unit and month of a year', timing: await measure(allScores, WARM_RUNS), target: TARGETS.scores });

const communes = scored[levels.indexOf('commune')]!.periods.at(-1)!.units.map((u) => u.normalised.map((n) => n.normalised));
const options = { draws: 1000, concentration: scheme.sensitivity.concentration, seed: scheme.sensitivity.seed, otherMethodShare: scheme.sensitivity.other_method_share };
lines.push({ name: `(b) 1,000 draws, ${communes.length} communes, one month`, timing: await measure(async () => sensitivity(model, communes, options), WARM_RUNS), target: TARGETS.draws });
const everyRanking = rankings.map((p) => p.units.map((u) => u.normalised.map((n) => n.normalised)));
lines.push({ name: `(b′) 1,000 draws for each of the ${everyRanking.length} rankings`, timing: await measure(async () => everyRanking.forEach((n) => sensitivity(model, n, options)), 5), target: null });
await store.close();

// (c) The API: a real server process over the same database.
const server = await startServerProcess(BENCH_DATABASE);
const url = `${server.url}/api/scores?level=commune&period=${span.to}&draws=1000`;
const fetchScores = async () => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
};
lines.push({ name: '(c) GET /api/scores, 24 communes, 1,000 draws', timing: await measure(fetchScores, WARM_RUNS), target: null });
await server.stop();

console.log(`\n${'case'.padEnd(52)} ${'cold'.padStart(10)} ${'p50'.padStart(10)} ${'p95'.padStart(10)}  target (median)`);
let missed = 0;
for (const { name, timing, target } of lines) {
  const ok = target === null || timing.p50 <= target;
  if (!ok) missed++;
  console.log(`${name.padEnd(52)} ${ms(timing.cold)} ${ms(timing.p50)} ${ms(timing.p95)}  ${target === null ? '—' : `≤ ${target} ms ${ok ? 'ok' : 'MISSED'}`}`);
}
console.log(`\ncases meeting their targets: ${lines.filter((l) => l.target !== null).length - missed} of ${lines.filter((l) => l.target !== null).length}`);
