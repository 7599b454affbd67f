/**
 * Does the model earn its place? A rolling-origin evaluation ("time series cross-validation",
 * Hyndman & Athanasopoulos, FPP §5.10) of the chosen exponential-smoothing model against the two
 * benchmarks every forecaster must beat, and those benchmarks' own forecasts. Pure.
 *
 * - Benchmarks: the naive forecast (the last value) and, once the series has two full years, the
 *   seasonal naive (the value of the same month a year before). The benchmark is the better of the
 *   two in the backtest, so a model is shown only where it beats both.
 * - Origins: each of the last `origins` months (12 by default) in turn is the end of the data; the
 *   model is refitted (its form kept, its parameters re-estimated) on the data up to the origin
 *   only, and forecasts 1…`horizon` (12) months on, as far as the data go; so do the benchmarks.
 * - Scores: MAE over every origin and horizon; MASE = MAE ÷ the in-sample MAE of the seasonal naive
 *   one-step forecast (the naive when under two years) on the data before the first origin
 *   (Hyndman & Koehler 2006). The model is shown when it beats the benchmark: relative MASE (model ÷
 *   benchmark) below FORECAST_BEATS (0.95). The 5% margin keeps out a model that is the benchmark in
 *   disguise: on a random walk, simple exponential smoothing fits α → 1, forecasts as the naive
 *   does, and comes out a hair ahead or behind by the noise of the backtest alone.
 * - Calibration: √(mean of e² ÷ v) over the backtest's forecasts, e the error and v the h-step
 *   variance the refitted model claimed for it. Above 1, the model's intervals are too narrow out
 *   of sample (its σ is fitted to noise it has seen, its parameters taken as known), and
 *   forecast-series.ts widens them by it.
 * No refit sees the future: the first origin's searches from scratch, each later one starts from
 * the previous origin's parameters, which keeps the 12 refits fast.
 */
import { FORECAST_BEATS } from '../../data/schema/forecast.ts';
import { normalQuantile } from '../surveillance/thresholds.ts';
import { fitEts, MONTHS, minimumLength, pointForecasts, varianceMultipliers, type EtsFit } from './ets.ts';

export type Benchmark = 'naive' | 'seasonal_naive';

export interface BacktestOptions {
  m?: number;
  origins?: number;
  horizon?: number;
}

export interface Backtest {
  /** Origins evaluated, the longest horizon, and how many forecasts were scored. */
  origins: number;
  horizon: number;
  forecasts: number;
  /** The MASE scale: in-sample mean absolute one-step error of the (seasonal) naive forecast, and its lag. */
  scale: number | null;
  scaleLag: number;
  mae: { model: number | null; naive: number | null; seasonalNaive: number | null };
  mase: { model: number | null; naive: number | null; seasonalNaive: number | null };
  benchmark: Benchmark;
  /**
   * How much larger the model's errors are out of sample than it claims: √(mean of e² ÷ v), e each
   * backtest error and v the h-step variance the refitted model gives it (null without a backtest).
   */
  calibration: number | null;
  /** Model MASE ÷ benchmark MASE (equally, MAE ÷ MAE); below FORECAST_BEATS the model beats the benchmark. */
  relative: number | null;
  beats: boolean;
}

/** Seasonal naive needs two full seasons of data; below that the naive forecast stands alone. */
export const hasSeasonalBenchmark = (n: number, m = MONTHS) => n >= 2 * m;

/** Data before the first origin: what the refitted model needs, and at least 8 months. */
export function firstOrigin(n: number, fit: EtsFit, options: BacktestOptions = {}): number {
  const m = options.m ?? MONTHS;
  return Math.max(n - (options.origins ?? 12), minimumLength(fit.model, m), 8);
}

export function backtest(y: ArrayLike<number>, fit: EtsFit, options: BacktestOptions = {}): Backtest {
  const n = y.length;
  const m = options.m ?? MONTHS;
  const horizon = options.horizon ?? 12;
  const from = firstOrigin(n, fit, options);
  const seasonal = hasSeasonalBenchmark(n, m) && from >= m;
  const sums = { model: 0, naive: 0, seasonalNaive: 0 };
  let count = 0;
  let standardised = 0;
  let previous: EtsFit | null = null;
  const values = Array.from(y);
  for (let origin = from; origin < n; origin++) {
    const train = values.slice(0, origin);
    const steps = Math.min(horizon, n - origin);
    // Each refit sees only the data before its origin: the first searches from scratch, the next ones
    // start from the previous origin's parameters (never from the whole series', which have seen the future).
    const refit: EtsFit = previous ? fitEts(train, fit.model, { m: fit.m, start: previous.params, step: 0.25 }) : fitEts(train, fit.model, { m: fit.m });
    previous = refit;
    const model = pointForecasts(refit, steps);
    const variance = varianceMultipliers(refit, steps).map((v) => v * refit.sigma2);
    for (let h = 1; h <= steps; h++) {
      const actual = values[origin + h - 1]!;
      sums.model += Math.abs(actual - model[h - 1]!);
      standardised += variance[h - 1]! > 0 ? (actual - model[h - 1]!) ** 2 / variance[h - 1]! : 0;
      sums.naive += Math.abs(actual - values[origin - 1]!);
      if (seasonal) sums.seasonalNaive += Math.abs(actual - values[origin - m + ((h - 1) % m)]!);
      count++;
    }
  }
  const scaleLag = seasonal && from >= 2 * m ? m : 1;
  let scaleSum = 0;
  for (let t = scaleLag; t < from; t++) scaleSum += Math.abs(values[t]! - values[t - scaleLag]!);
  const scale = from > scaleLag ? scaleSum / (from - scaleLag) : null;
  const mae = {
    model: count > 0 ? sums.model / count : null,
    naive: count > 0 ? sums.naive / count : null,
    seasonalNaive: count > 0 && seasonal ? sums.seasonalNaive / count : null,
  };
  const scaled = (x: number | null) => (x === null || scale === null || scale === 0 ? null : x / scale);
  // Without a backtest (too few months before the origins), the benchmark of the kind the model is.
  const benchmark: Benchmark =
    count === 0
      ? fit.m > 1 && hasSeasonalBenchmark(n, m)
        ? 'seasonal_naive'
        : 'naive'
      : mae.seasonalNaive !== null && mae.seasonalNaive < mae.naive!
        ? 'seasonal_naive'
        : 'naive';
  const benchmarkMae = benchmark === 'seasonal_naive' ? mae.seasonalNaive : mae.naive;
  const relative = mae.model === null || benchmarkMae === null ? null : benchmarkMae === 0 ? (mae.model === 0 ? 1 : Infinity) : mae.model / benchmarkMae;
  return {
    origins: Math.max(0, n - from),
    horizon,
    forecasts: count,
    scale,
    scaleLag,
    mae,
    mase: { model: scaled(mae.model), naive: scaled(mae.naive), seasonalNaive: scaled(mae.seasonalNaive) },
    benchmark,
    calibration: count > 0 ? Math.sqrt(standardised / count) : null,
    relative,
    beats: relative !== null && relative < FORECAST_BEATS,
  };
}

/** A benchmark's forecast from the whole series: point and standard error for h = 1…horizon. */
export interface BenchmarkForecast {
  method: Benchmark;
  mean: number[];
  se: number[];
  /** The residual standard deviation the intervals come from. */
  sigma: number;
}

/**
 * Naive and seasonal naive forecasts with their analytic intervals (FPP §5.5, as forecast::naive
 * and forecast::snaive compute them): residual SD σ from the one-step (lag-m) residuals; the h-step
 * standard error σ√h for the naive, σ√(⌊(h − 1)/m⌋ + 1) for the seasonal naive.
 */
export function benchmarkForecast(y: ArrayLike<number>, method: Benchmark, horizon: number, m = MONTHS): BenchmarkForecast {
  const n = y.length;
  const lag = method === 'seasonal_naive' ? m : 1;
  if (n <= lag) throw new RangeError(`${method} needs more than ${lag} observations`);
  let sum = 0;
  for (let t = lag; t < n; t++) sum += (y[t]! - y[t - lag]!) ** 2;
  const sigma = Math.sqrt(sum / (n - lag));
  const mean: number[] = [];
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    if (method === 'naive') {
      mean.push(y[n - 1]!);
      se.push(sigma * Math.sqrt(h));
    } else {
      mean.push(y[n - m + ((h - 1) % m)]!);
      se.push(sigma * Math.sqrt(Math.floor((h - 1) / m) + 1));
    }
  }
  return { method, mean, se, sigma };
}

/** z for a central interval: 1.2816 for 80%, 1.9600 for 95%. */
export const zOf = (level: number) => normalQuantile(0.5 + level / 2);

/** Φ(x), the standard normal distribution function, from erfc by the Chebyshev fit of Numerical Recipes' erfcc (relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
