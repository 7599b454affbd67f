/**
 * Exponential smoothing on series whose answer is known: a straight line (Holt continues it), a
 * noiseless seasonal series (a seasonal model is chosen and repeats the pattern), and the
 * simulation's own guarantees (seeded, symmetric about the point forecast).
 */
import { describe, expect, it } from 'vitest';
import { fitEts, pointForecasts, quantileInPlace, selectEts, simulatePaths } from '../../server/forecast/ets.ts';
import { forecastSeries } from '../../server/forecast/forecast-series.ts';

const closeRelative = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));

describe('a straight line', () => {
  const line = (t: number) => 20 + 0.5 * t;
  const y = Array.from({ length: 36 }, (_, t) => line(t));

  it('Holt (AAN) continues it exactly, and AICc chooses Holt', () => {
    const holt = fitEts(y, 'AAN');
    pointForecasts(holt, 24).forEach((f, i) => closeRelative(f, line(36 + i), 1e-6));
    const { best } = selectEts(y);
    expect(best.model).toBe('AAN');
  });

  it('forecasts it with intervals that are all but closed, and the model beats the naive forecast', () => {
    const answer = forecastSeries(y, { horizon: 24 });
    expect(answer.method).toBe('ets');
    expect(answer.backtest.beats).toBe(true);
    for (const s of answer.steps) {
      closeRelative(s.mean, line(35 + s.step), 1e-6);
      expect(s.hi95 - s.lo95).toBeLessThan(1e-6 * line(35 + s.step));
      expect(s.lo95).toBeLessThanOrEqual(s.lo80);
      expect(s.lo80).toBeLessThanOrEqual(s.mean);
      expect(s.mean).toBeLessThanOrEqual(s.hi80);
      expect(s.hi80).toBeLessThanOrEqual(s.hi95);
    }
  });
});

describe('a noiseless seasonal series', () => {
  const pattern = (t: number) => 6 * Math.sin((2 * Math.PI * t) / 12) + 2 * Math.cos((4 * Math.PI * t) / 12);

  it('with a trend: a seasonal model is chosen, shown, and repeats the pattern on the trend', () => {
    const truth = (t: number) => 100 + 0.3 * t + pattern(t);
    const y = Array.from({ length: 48 }, (_, t) => truth(t));
    const answer = forecastSeries(y, { horizon: 30 });
    expect(['ANA', 'AAA', 'AAdA']).toContain(answer.model.name);
    expect(answer.model.name).toBe('AAA');
    expect(answer.method).toBe('ets');
    for (const s of answer.steps) closeRelative(s.mean, truth(47 + s.step), 1e-6);
  });

  it('without a trend: the pattern repeats, by the seasonal model or the seasonal naive forecast it cannot beat', () => {
    const truth = (t: number) => 50 + pattern(t);
    const y = Array.from({ length: 36 }, (_, t) => truth(t));
    const { best } = selectEts(y);
    expect(best.model).toBe('ANA');
    pointForecasts(best, 24).forEach((f, i) => closeRelative(f, truth(36 + i), 1e-6));
    const answer = forecastSeries(y, { horizon: 24 });
    // The seasonal naive forecast is exact here too, so the model cannot beat it: the answer says so.
    expect(answer.method).toBe('seasonal_naive');
    for (const s of answer.steps) closeRelative(s.mean, truth(35 + s.step), 1e-9);
  });
});

describe('simulation', () => {
  const y = Array.from({ length: 40 }, (_, t) => 30 + 0.2 * t + Math.sin(t * 1.7) * 2 + Math.cos(t * 0.9));
  const fit = fitEts(y, 'AAdN');

  it('is seeded: the same seed gives the same paths, another seed others', () => {
    const a = simulatePaths(fit, 12, { paths: 200, seed: 5 });
    expect(simulatePaths(fit, 12, { paths: 200, seed: 5 })).toEqual(a);
    expect(simulatePaths(fit, 12, { paths: 200, seed: 6 })).not.toEqual(a);
  });

  it('comes in antithetic pairs, so each step is symmetric about the point forecast', () => {
    const paths = 400;
    const values = simulatePaths(fit, 12, { paths, seed: 3 });
    const means = pointForecasts(fit, 12);
    for (let h = 0; h < 12; h++) {
      for (let p = 0; p < paths; p += 2) closeRelative((values[h * paths + p]! + values[h * paths + p + 1]!) / 2, means[h]!, 1e-9);
      closeRelative(quantileInPlace(values, h * paths, paths, 0.5), means[h]!, 1e-9);
    }
  });

  it('takes sample quantiles as R does (type 7)', () => {
    // R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.1, 0.5, 0.9)) = 1.0, 3.5, 6.9
    const x = () => Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(quantileInPlace(x(), 0, 8, 0.1)).toBeCloseTo(1.0, 12);
    expect(quantileInPlace(x(), 0, 8, 0.5)).toBeCloseTo(3.5, 12);
    expect(quantileInPlace(x(), 0, 8, 0.9)).toBeCloseTo(6.9, 12);
  });
});
