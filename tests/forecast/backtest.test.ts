/**
 * The model must earn its place: on a random walk nothing beats the naive forecast, so the answer
 * falls back to it, labelled; on a series with structure the model wins and is shown. And the
 * benchmarks' own intervals follow the textbook formulas (FPP §5.5).
 */
import { describe, expect, it } from 'vitest';
import { FORECAST_BEATS } from '../../data/schema/forecast.ts';
import { backtest, benchmarkForecast, normalCdf, zOf } from '../../server/forecast/backtest.ts';
import { selectEts } from '../../server/forecast/ets.ts';
import { forecastSeries } from '../../server/forecast/forecast-series.ts';
import { seededRandom } from '../../server/forecast/random.ts';

const randomWalk = (seed: number, n: number) => {
  const random = seededRandom(seed);
  let v = 50;
  return Array.from({ length: n }, () => (v += random.normal()));
};

describe('a random walk', () => {
  it('is not beaten by the chosen model in the backtest, so the naive forecast is shown and said to be', () => {
    const y = randomWalk(2024, 60);
    const answer = forecastSeries(y, { horizon: 24, target: { value: 55, step: 24, direction: 'higher_is_better' } });
    expect(answer.backtest.origins).toBe(12);
    expect(answer.backtest.mase.model!).toBeGreaterThanOrEqual(0.95 * answer.backtest.mase.naive!);
    expect(answer.backtest.relative!).toBeGreaterThanOrEqual(FORECAST_BEATS);
    expect(answer.backtest.beats).toBe(false);
    expect(answer.backtest.benchmark).toBe('naive');
    expect(answer.method).toBe('naive');
    expect(answer.paths).toBeNull();
    // The naive forecast: the last value, with intervals widening as σ√h.
    const sigma = answer.benchmarkSigma!;
    for (const s of answer.steps) {
      expect(s.mean).toBe(y.at(-1));
      expect(s.hi95 - s.mean).toBeCloseTo(zOf(0.95) * sigma * Math.sqrt(s.step), 9);
      expect(s.hi80 - s.mean).toBeCloseTo(zOf(0.8) * sigma * Math.sqrt(s.step), 9);
    }
    expect(answer.probability!).toBeCloseTo(1 - normalCdf((55 - y.at(-1)!) / (sigma * Math.sqrt(24))), 12);
  });

  it('over many random walks: the model is hardly ever shown, and scores as the naive forecast does', () => {
    const relatives: number[] = [];
    let shown = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const y = randomWalk(seed, 48);
      const test = backtest(y, selectEts(y).best);
      relatives.push(test.relative!);
      if (test.beats) shown++;
    }
    relatives.sort((a, b) => a - b);
    // By the noise of a 12-origin backtest alone, some 5–10% of walks clear the 5% margin.
    expect(shown).toBeLessThanOrEqual(6);
    expect(relatives[20]!).toBeGreaterThan(0.97);
    expect(relatives[20]!).toBeLessThan(1.05);
  });
});

describe('a series with structure', () => {
  it('a trend with seasonality and noise: the model beats both benchmarks and is shown', () => {
    const random = seededRandom(99);
    let level = 60;
    const y = Array.from({ length: 48 }, (_, t) => {
      level += 0.4 + 0.2 * random.normal();
      return level + 4 * Math.sin((2 * Math.PI * t) / 12) + 0.5 * random.normal();
    });
    const answer = forecastSeries(y, { horizon: 12 });
    const { mase } = answer.backtest;
    expect(mase.model!).toBeLessThan(FORECAST_BEATS * Math.min(mase.naive!, mase.seasonalNaive!));
    expect(answer.backtest.beats).toBe(true);
    expect(answer.method).toBe('ets');
    expect(answer.backtest.scaleLag).toBe(12);
  });
});

describe('benchmark forecasts', () => {
  it('seasonal naive: the same month a year before, with σ√(⌊(h − 1)/m⌋ + 1)', () => {
    const y = Array.from({ length: 30 }, (_, t) => (t % 12) * 2 + (t % 5));
    const f = benchmarkForecast(y, 'seasonal_naive', 30);
    const residuals = y.slice(12).map((v, i) => v - y[i]!);
    const sigma = Math.sqrt(residuals.reduce((s, e) => s + e * e, 0) / residuals.length);
    expect(f.sigma).toBeCloseTo(sigma, 12);
    for (let h = 1; h <= 30; h++) {
      expect(f.mean[h - 1]).toBe(y[30 - 12 + ((h - 1) % 12)]);
      expect(f.se[h - 1]).toBeCloseTo(sigma * Math.sqrt(Math.floor((h - 1) / 12) + 1), 12);
    }
  });

  it('Φ and z agree with R (pnorm, qnorm)', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1.281551565544601)).toBeCloseTo(0.1, 7);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(zOf(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(zOf(0.8)).toBeCloseTo(1.281551565544601, 12);
  });
});

describe('a series too short to backtest its model', () => {
  it('two years of a strong seasonal pattern: the seasonal model cannot be tested, so the seasonal naive is shown', () => {
    const random = seededRandom(5);
    const y = Array.from({ length: 24 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 12) + random.normal());
    const answer = forecastSeries(y, { horizon: 12 });
    expect(['ANA', 'AAA', 'AAdA']).toContain(answer.model.name);
    expect(answer.backtest.origins).toBe(0);
    expect(answer.backtest.beats).toBe(false);
    expect(answer.method).toBe('seasonal_naive');
    answer.steps.forEach((s, i) => expect(s.mean).toBe(y[12 + i]));
  });
});
