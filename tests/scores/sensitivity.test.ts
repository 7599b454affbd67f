/** The sensitivity of ranks (server/scores/sensitivity.ts): its random draws, and its median ranks and intervals. */
import { describe, expect, it } from 'vitest';
import type { Goalposts } from '../../data/schema/scores.ts';
import { rankTotals, scoreUnit, type ScoreModel } from '../../server/scores/score.ts';
import { dirichlet, gamma, seededRandom, sensitivity } from '../../server/scores/sensitivity.ts';

const posts: Goalposts = { type: 'minmax', min: 0, max: 100, basis: 'test' };
const one = (indicator: string) => ({ indicator, weight: 1, direction: 'higher_is_better' as const, goalposts: posts });
/** Three components of one indicator each, equal weights; and a fourth of two indicators. */
const model: ScoreModel = {
  method: 'arithmetic',
  components: [
    { component: 'a', weight: 1, indicators: [one('a1')] },
    { component: 'b', weight: 1, indicators: [one('b1')] },
    { component: 'c', weight: 1, indicators: [one('c1')] },
    { component: 'd', weight: 1, indicators: [one('d1'), one('d2')] },
  ],
};
/** Units with close totals but different profiles, so that weights matter. */
const units = [
  [90, 40, 60, 70, 50],
  [60, 70, 55, 60, 62],
  [40, 90, 70, 50, 60],
  [75, 55, 46, 80, 70],
  [30, 30, 30, 30, 30],
  [55, 65, 60, null, null],
];
const options = { draws: 1000, concentration: 50, seed: 828, otherMethodShare: 0.5 };

describe('random draws', () => {
  it('are reproducible from the seed and differ between seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x > 0 && x < 1).toBe(true);
  });

  it('gamma variates have mean and variance equal to the shape (Marsaglia–Tsang, and the boost below 1)', () => {
    for (const shape of [0.3, 2.5, 40]) {
      const random = seededRandom(1);
      const n = 40_000;
      const xs = Array.from({ length: n }, () => gamma(shape, random));
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
      expect(Math.abs(mean - shape) / shape).toBeLessThan(0.03);
      expect(Math.abs(variance - shape) / shape).toBeLessThan(0.06);
    }
  });

  it('Dirichlet(c·w) draws average to w with variance w(1 − w)/(c + 1) (law of large numbers)', () => {
    const w = [0.5, 0.3, 0.2];
    for (const c of [50, 2]) {
      const random = seededRandom(3);
      const n = 20_000;
      const sum = [0, 0, 0];
      const squares = [0, 0, 0];
      for (let d = 0; d < n; d++) {
        const x = dirichlet(w.map((v) => c * v), random);
        expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        x.forEach((v, i) => {
          sum[i]! += v;
          squares[i]! += v * v;
        });
      }
      w.forEach((wi, i) => {
        const mean = sum[i]! / n;
        const variance = squares[i]! / n - mean * mean;
        expect(Math.abs(mean - wi)).toBeLessThan(0.005);
        expect(Math.abs(variance - (wi * (1 - wi)) / (c + 1)) / ((wi * (1 - wi)) / (c + 1))).toBeLessThan(0.05);
      });
    }
  });
});

describe('median rank and 5–95% rank interval', () => {
  const baseline = rankTotals(units.map((u) => scoreUnit(model, u).total));

  it('are reproducible with a seed', () => {
    expect(sensitivity(model, units, options)).toEqual(sensitivity(model, units, options));
  });

  it('equal the rank itself when the weights hardly move (c huge) and the method is kept', () => {
    const spread = sensitivity(model, units, { ...options, concentration: 1e9, otherMethodShare: 0 });
    spread.forEach((s, u) => expect(s).toEqual({ medianRank: baseline[u], p5: baseline[u], p95: baseline[u] }));
  });

  it('keep the median at the rank when c is huge, even with half the draws geometric, where both methods rank alike', () => {
    const apart = [0, 10, 20, 30].map((d) => [82 - d, 78 - d, 80 - d, 81 - d, 79 - d]);
    const ranks = rankTotals(apart.map((u) => scoreUnit(model, u).total));
    expect(rankTotals(apart.map((u) => scoreUnit({ ...model, method: 'geometric' }, u).total))).toEqual(ranks);
    const spread = sensitivity(model, apart, { ...options, concentration: 1e9 });
    spread.forEach((s, u) => expect(s).toEqual({ medianRank: ranks[u], p5: ranks[u], p95: ranks[u] }));
  });

  it('widen as c shrinks', () => {
    const width = (c: number) =>
      sensitivity(model, units, { ...options, concentration: c }).reduce((t, s) => t + (s!.p95 - s!.p5), 0);
    const widths = [1e6, 200, 50, 10].map(width);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThanOrEqual(widths[i - 1]!);
    expect(widths.at(-1)!).toBeGreaterThan(widths[0]!);
    // Every interval holds its median.
    for (const s of sensitivity(model, units, { ...options, concentration: 5 })) expect(s!.p5 <= s!.medianRank && s!.medianRank <= s!.p95).toBe(true);
  });

  it('leave units without a total unranked, and weights set to 0 at 0', () => {
    const m: ScoreModel = { ...model, components: model.components.map((c, k) => (k === 0 ? { ...c, weight: 0 } : c)) };
    const spread = sensitivity(m, [...units, [null, null, null, null, null]], options);
    expect(spread.at(-1)).toBeNull();
    // Component a no longer counts: unit 0, first by a, drops.
    const without = rankTotals(units.map((u) => scoreUnit(m, u).total));
    expect(sensitivity(m, units, { ...options, concentration: 1e9, otherMethodShare: 0 }).map((s) => s!.medianRank)).toEqual(without);
  });

  it('1,000 draws of a few dozen units take well under a second', () => {
    const many = Array.from({ length: 40 }, (_, u) => units[u % 5]!.map((v) => (v === null ? null : v + (u % 7))));
    const started = performance.now();
    sensitivity(model, many, options);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
