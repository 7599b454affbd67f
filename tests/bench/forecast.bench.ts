/**
 * `npm run bench:forecast`: the time of one forecast (issue 16, point 7) — model fits and choice by
 * AICc, the rolling-origin backtest (12 refits), 2,000 simulated paths and their quantiles — on
 * 60-month series, to a target 48 months ahead (from late 2026 to December 2030). Three series, as
 * the wall meets them: a coverage climbing towards its target with a yearly rhythm, a monthly count
 * with strong seasonality, and a random walk (where the model loses and the naive forecast is
 * shown). Pure computation, no database: it runs from a clean clone. Each case: a few warm-up runs,
 * then median and p95 over the timed runs, with the share each part takes. Target: p95 ≤ 50 ms.
 */
import { backtest } from '../../server/forecast/backtest.ts';
import { selectEts, simulatePaths } from '../../server/forecast/ets.ts';
import { forecastSeries } from '../../server/forecast/forecast-series.ts';
import { seededRandom } from '../../server/forecast/random.ts';
import { ms, percentile } from './stats.ts';

const MONTHS = 60;
const HORIZON = 48;
const WARM_UP = 10;
const RUNS = 60;
const TARGET_MS = 50;

function series(kind: 'coverage' | 'seasonal' | 'random_walk', seed: number): number[] {
  const random = seededRandom(seed);
  let level = kind === 'coverage' ? 70 : kind === 'seasonal' ? 800 : 50;
  return Array.from({ length: MONTHS }, (_, t) => {
    switch (kind) {
      case 'coverage':
        level += 0.35 + 0.15 * random.normal();
        return Math.min(100, level + 0.8 * Math.sin((2 * Math.PI * t) / 12) + 0.3 * random.normal());
      case 'seasonal':
        level += 2 + 5 * random.normal();
        return level + 120 * Math.sin((2 * Math.PI * (t - 3)) / 12) + 25 * random.normal();
      default:
        return (level += random.normal());
    }
  });
}

const options = { horizon: HORIZON, limits: { lower: 0, upper: 100 }, target: { value: 95, step: HORIZON, direction: 'higher_is_better' as const } };
const cases = (['coverage', 'seasonal', 'random_walk'] as const).map((kind) => ({ kind, inputs: Array.from({ length: RUNS }, (_, i) => series(kind, 1000 + i)) }));

console.log(`one forecast of a ${MONTHS}-month series, ${HORIZON} months ahead, ${RUNS} runs each (after ${WARM_UP} warm-up runs)\n`);
console.log(`${'series'.padEnd(14)} ${'shown'.padEnd(30)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'max'.padStart(10)}   fit+choice  backtest  simulation   target p95`);
// Warm the JIT on every kind of series before any is timed.
for (const c of cases) for (let i = 0; i < WARM_UP; i++) forecastSeries(c.inputs[i]!, options);
let failures = 0;
for (const c of cases) {
  const totals: number[] = [];
  const shown = new Map<string, number>();
  for (const y of c.inputs) {
    const started = performance.now();
    const answer = forecastSeries(y, options);
    totals.push(performance.now() - started);
    const name = answer.method === 'ets' ? `ETS(${answer.model.name})` : answer.method;
    shown.set(name, (shown.get(name) ?? 0) + 1);
  }
  // The parts, timed apart on the same inputs (simulation as the shown model would run it).
  const parts = { fit: [] as number[], backtest: [] as number[], simulation: [] as number[] };
  for (const y of c.inputs) {
    let t = performance.now();
    const { best } = selectEts(y);
    parts.fit.push(performance.now() - t);
    t = performance.now();
    backtest(y, best);
    parts.backtest.push(performance.now() - t);
    t = performance.now();
    simulatePaths(best, HORIZON, { paths: 2000 });
    parts.simulation.push(performance.now() - t);
  }
  const p50 = percentile(totals, 50);
  const p95 = percentile(totals, 95);
  const ok = p95 <= TARGET_MS;
  if (!ok) failures++;
  const most = [...shown.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(
    `${c.kind.padEnd(14)} ${most.slice(0, 30).padEnd(30)} ${ms(p50)} ${ms(p95)} ${ms(Math.max(...totals))}   ${ms(percentile(parts.fit, 50))} ${ms(percentile(parts.backtest, 50))} ${ms(percentile(parts.simulation, 50))}   ≤ ${TARGET_MS} ms ${ok ? 'ok' : 'MISSED'}`,
  );
}
console.log(`\ncases meeting the target: ${cases.length - failures} of ${cases.length}`);
