/** The scoring formulas (server/scores/score.ts), each case computed by hand. */
import { describe, expect, it } from 'vitest';
import type { Goalposts } from '../../data/schema/scores.ts';
import {
  aggregate,
  applyElasticities,
  normalise,
  normaliseInput,
  rankTotals,
  resolvePosts,
  scoreUnit,
  type ModelIndicator,
  type ScoreModel,
} from '../../server/scores/score.ts';

const minmax = (min: number, max: number): Goalposts => ({ type: 'minmax', min, max, basis: 'test' });
const target = (g: { min?: number; max?: number; without_target?: number }): Goalposts => ({ type: 'target', ...g, basis: 'test' });
const indicator = (goalposts: Goalposts, direction: ModelIndicator['direction'] = 'higher_is_better', weight = 1): ModelIndicator => ({
  indicator: 'x',
  weight,
  direction,
  goalposts,
});

describe('normalise: 0–100 between goalposts, by direction, capped at 100, floored at 1', () => {
  it('scales a higher-is-better value between min and max', () => {
    expect(normalise(73.5, { min: 0, max: 100 }, 'higher_is_better')).toBeCloseTo(73.5, 12);
    // 100·(7 − 4)/(10 − 4) = 50
    expect(normalise(7, { min: 4, max: 10 }, 'higher_is_better')).toBeCloseTo(50, 12);
  });

  it('inverts a lower-is-better value: 100·(max − v)/(max − min)', () => {
    // 100·(20 − 5)/20 = 75
    expect(normalise(5, { min: 0, max: 20 }, 'lower_is_better')).toBeCloseTo(75, 12);
    expect(normalise(0, { min: 0, max: 20 }, 'lower_is_better')).toBe(100);
    expect(normalise(25, { min: 0, max: 20 }, 'lower_is_better')).toBe(1);
  });

  it('caps at 100 past the goal and floors at 1 (so a geometric mean stays defined)', () => {
    expect(normalise(120, { min: 0, max: 100 }, 'higher_is_better')).toBe(100);
    expect(normalise(0, { min: 0, max: 100 }, 'higher_is_better')).toBe(1);
    expect(normalise(0.5, { min: 0, max: 100 }, 'higher_is_better')).toBe(1);
    expect(normalise(-3, { min: 0, max: 100 }, 'higher_is_better')).toBe(1);
  });

  it('uses the target in force as the goal, capped at it: 0% → target', () => {
    const cashless = indicator(target({ min: 0, without_target: 50 }));
    // 100·30/50 = 60; at and past the target of 50: 100.
    expect(normaliseInput(cashless, { value: 30, target: 50 })).toEqual({ normalised: 60, posts: { worst: 0, best: 50, from: 'target' } });
    expect(normaliseInput(cashless, { value: 50, target: 50 }).normalised).toBe(100);
    expect(normaliseInput(cashless, { value: 65, target: 50 }).normalised).toBe(100);
    // A target of 20 in force (2023): 100·15/20 = 75.
    expect(normaliseInput(cashless, { value: 15, target: 20 }).normalised).toBeCloseTo(75, 12);
  });

  it('says when the scheme\u2019s goal stands in for a missing target, and refuses to guess when it has none', () => {
    const ehr = indicator(target({ min: 0, without_target: 95 }));
    // 100·47.5/95 = 50, from without_target.
    expect(normaliseInput(ehr, { value: 47.5, target: null })).toEqual({ normalised: 50, posts: { worst: 0, best: 95, from: 'without_target' } });
    expect(normaliseInput(indicator(target({ min: 0 })), { value: 47.5, target: null })).toEqual({ normalised: null, posts: null, missing: 'no_target' });
    // A target at the floor leaves nothing to scale between.
    expect(resolvePosts(target({ min: 0 }), 'higher_is_better', 0)).toEqual({ missing: 'bad_goalposts' });
  });

  it('scales a lower-is-better indicator from its max (0) to its target (100)', () => {
    // 100·(40 − 25)/(40 − 10) = 50
    expect(normaliseInput(indicator(target({ max: 40 }), 'lower_is_better'), { value: 25, target: 10 }).normalised).toBeCloseTo(50, 12);
    expect(normaliseInput(indicator(target({ max: 40 }), 'lower_is_better'), { value: 8, target: 10 }).normalised).toBe(100);
    expect(normaliseInput(indicator(target({ max: 40 }), 'lower_is_better'), { value: 45, target: 10 }).normalised).toBe(1);
  });

  it('passes a missing figure through as missing, never as a value', () => {
    expect(normaliseInput(indicator(minmax(0, 100)), { missing: 'no_figure' })).toEqual({ normalised: null, posts: null, missing: 'no_figure' });
  });
});

/** Component A (weight 1): a1 (weight 1), a2 (weight 3); component B (weight 2): b1. */
const model = (method: ScoreModel['method']): ScoreModel => ({
  method,
  components: [
    { component: 'a', weight: 1, indicators: [indicator(minmax(0, 100), 'higher_is_better', 1), indicator(minmax(0, 100), 'higher_is_better', 3)] },
    { component: 'b', weight: 2, indicators: [indicator(minmax(0, 100))] },
  ],
});

describe('components and totals, by hand', () => {
  it('a component is the weighted arithmetic mean of its indicators: (1·40 + 3·80)/4 = 70', () => {
    const s = scoreUnit(model('arithmetic'), [40, 80, 50]);
    expect(s.components.map((c) => c.score)).toEqual([70, 50]);
    expect(s.components[0]!.indicatorShares).toEqual([0.25, 0.75]);
  });

  it('arithmetic total: (1·70 + 2·50)/3 = 56.667; geometric: (70·50²)^(1/3) = 55.934', () => {
    expect(scoreUnit(model('arithmetic'), [40, 80, 50]).total).toBeCloseTo(170 / 3, 12);
    expect(scoreUnit(model('geometric'), [40, 80, 50]).total).toBeCloseTo(Math.cbrt(70 * 50 * 50), 12);
    expect(Math.cbrt(175000)).toBeCloseTo(55.934, 3);
    expect(aggregate([70, 50], [1, 2], 'geometric')).toBeCloseTo(Math.exp((Math.log(70) + 2 * Math.log(50)) / 3), 12);
  });

  it('a missing indicator is left out and the others\u2019 weights renormalised: A = a1 = 40, total (40 + 2·50)/3', () => {
    const s = scoreUnit(model('arithmetic'), [40, null, 50]);
    expect(s.components[0]).toMatchObject({ score: 40, indicatorShares: [1, null] });
    expect(s.total).toBeCloseTo(140 / 3, 12);
  });

  it('a missing component is left out of the total, its weight shared among the rest', () => {
    const s = scoreUnit(model('arithmetic'), [40, 80, null]);
    expect(s.components.map((c) => [c.score, c.share])).toEqual([
      [70, 1],
      [null, null],
    ]);
    expect(s.total).toBe(70);
    expect(scoreUnit(model('arithmetic'), [null, null, null]).total).toBeNull();
  });

  it('a weight of 0 leaves a component out', () => {
    const m = model('arithmetic');
    m.components[1]!.weight = 0;
    expect(scoreUnit(m, [40, 80, 50]).total).toBe(70);
  });

  it('ranks: 1 the highest, equal totals share a rank, no total no rank', () => {
    expect(rankTotals([50, 70, 70, null, 10])).toEqual([3, 1, 1, null, 4]);
  });
});

describe('elasticities in a what-if', () => {
  it('move a component by coefficient × the direct change of another, first order, within [1, 100]', () => {
    // Component 0 rises by 10; 0 → 1 at 0.5 adds 5 to component 1; nothing set for component 2.
    expect(applyElasticities([60, 50, 70], [70, 50, 70], [{ from: 0, to: 1, coefficient: 0.5 }])).toEqual({ after: [70, 55, 70], indirect: [0, 5, 0] });
    expect(applyElasticities([60, 50, 70], [70, 50, 70], [{ from: 0, to: 2, coefficient: 5 }]).after).toEqual([70, 50, 100]);
    expect(applyElasticities([60, 50, null], [70, 50, null], [{ from: 0, to: 2, coefficient: 1 }]).after).toEqual([70, 50, null]);
    expect(applyElasticities([60, 50, 70], [70, 50, 70], []).after).toEqual([70, 50, 70]);
  });
});
