/**
 * One forecast of a monthly series, start to finish (pure): choose the exponential-smoothing model
 * by AICc (ets.ts), test it against the naive benchmarks by rolling origin (backtest.ts), and give
 * the forecast that earned its place with 80% and 95% intervals and the probability of meeting a
 * target at a given step.
 *
 * - The model shown: the chosen ETS model where its backtest MASE is below the better benchmark's;
 *   otherwise that benchmark (naive or seasonal naive), labelled as such.
 * - Intervals: for the model, quantiles of 2,000 simulated sample paths (seeded, so the same data
 *   give the same bands), their errors drawn with the fitted σ times the backtest's calibration
 *   where that is above 1 (never narrower than the model claims); for a benchmark, its analytic
 *   normal intervals.
 * - Values the indicator cannot take are read as the nearest it can: a share of a whole never
 *   above its factor (100%), nothing below 0. Point forecasts and interval ends are limited
 *   likewise, and a path above 100% meets a 95% target as 100% would.
 * - Probability of meeting the target: the share of sample paths at the target step at or above
 *   the target (at or below it for lower-is-better indicators); for a benchmark, the normal
 *   probability of the same.
 */
import { backtest, benchmarkForecast, normalCdf, zOf, type Backtest, type BacktestOptions, type Benchmark } from './backtest.ts';
import { MONTHS, pointForecasts, quantileInPlace, selectEts, simulatePaths, type ModelName, type Smoothing } from './ets.ts';

/** Months of data the least forecast needs. */
export const MIN_MONTHS = 12;

export interface Limits {
  lower: number | null;
  upper: number | null;
}

export interface TargetCheck {
  value: number;
  /** The forecast step (1 = the month after the last observed) at which it is judged. */
  step: number;
  direction: 'higher_is_better' | 'lower_is_better';
}

export interface ForecastOptions {
  horizon: number;
  m?: number;
  limits?: Limits;
  target?: TargetCheck | null;
  paths?: number;
  seed?: number;
  backtest?: BacktestOptions;
}

export interface ForecastStep {
  step: number;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface SeriesForecast {
  method: 'ets' | Benchmark;
  /** The model AICc chose, whether shown or not. */
  model: { name: ModelName; params: Smoothing; aicc: number; sigma: number; k: number; candidates: { model: ModelName; aicc: number }[] };
  backtest: Backtest;
  /** σ of the benchmark shown, when one is. */
  benchmarkSigma: number | null;
  steps: ForecastStep[];
  probability: number | null;
  /** Sample paths behind the intervals (null for a benchmark's analytic intervals). */
  paths: number | null;
}

export function forecastSeries(y: ArrayLike<number>, options: ForecastOptions): SeriesForecast {
  const n = y.length;
  if (n < MIN_MONTHS) throw new RangeError(`a forecast needs at least ${MIN_MONTHS} months of data, got ${n}`);
  const m = options.m ?? MONTHS;
  const horizon = options.horizon;
  const lower = options.limits?.lower ?? -Infinity;
  const upper = options.limits?.upper ?? Infinity;
  const limit = (x: number) => Math.min(upper, Math.max(lower, x));
  const target = options.target ?? null;
  const meets = (x: number) => (target!.direction === 'lower_is_better' ? limit(x) <= target!.value : limit(x) >= target!.value);

  const { best, candidates } = selectEts(y, { m });
  const test = backtest(y, best, { m, ...options.backtest });
  const model = { name: best.model, params: best.params, aicc: best.aicc, sigma: Math.sqrt(best.sigma2), k: best.k, candidates };

  if (test.beats) {
    const paths = Math.max(2, Math.round((options.paths ?? 2000) / 2) * 2);
    const widen = Math.max(1, test.calibration ?? 1);
    const sims = simulatePaths(best, horizon, { paths, seed: options.seed ?? 1, sigmaScale: widen });
    const means = pointForecasts(best, horizon);
    let probability: number | null = null;
    if (target && target.step >= 1 && target.step <= horizon) {
      let met = 0;
      for (let p = 0; p < paths; p++) if (meets(sims[(target.step - 1) * paths + p]!)) met++;
      probability = met / paths;
    }
    const steps = means.map((raw, i) => {
      const q = (p: number) => limit(quantileInPlace(sims, i * paths, paths, p));
      // The paths are symmetric about the point forecast up to rounding (the analytic mean and the
      // paths' recursions differ in the last bits): the bands are nested around it by construction.
      const mean = limit(raw);
      const lo80 = Math.min(q(0.1), mean);
      const hi80 = Math.max(q(0.9), mean);
      return { step: i + 1, mean, lo95: Math.min(q(0.025), lo80), lo80, hi80, hi95: Math.max(q(0.975), hi80) };
    });
    return { method: 'ets', model, backtest: test, benchmarkSigma: null, steps, probability, paths };
  }

  const fallback = benchmarkForecast(y, test.benchmark, horizon, m);
  const [z80, z95] = [zOf(0.8), zOf(0.95)];
  const steps = fallback.mean.map((mean, i) => {
    const se = fallback.se[i]!;
    return { step: i + 1, mean: limit(mean), lo95: limit(mean - z95 * se), lo80: limit(mean - z80 * se), hi80: limit(mean + z80 * se), hi95: limit(mean + z95 * se) };
  });
  let probability: number | null = null;
  if (target && target.step >= 1 && target.step <= horizon) {
    const mean = fallback.mean[target.step - 1]!;
    const se = fallback.se[target.step - 1]!;
    const t = target.value;
    if (target.direction === 'lower_is_better') probability = t < lower ? 0 : t >= upper ? 1 : se === 0 ? (mean <= t ? 1 : 0) : normalCdf((t - mean) / se);
    else probability = t > upper ? 0 : t <= lower ? 1 : se === 0 ? (mean >= t ? 1 : 0) : 1 - normalCdf((t - mean) / se);
  }
  return { method: test.benchmark, model, backtest: test, benchmarkSigma: fallback.sigma, steps, probability, paths: null };
}
