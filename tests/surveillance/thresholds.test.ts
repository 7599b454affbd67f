import { describe, expect, it } from 'vitest';
import { ears, judgeWeeks, normalQuantile, type AlertRule, type WeekCount } from '../../server/surveillance/thresholds.ts';
import { C1_2011_PUBLISHED, FIRST_2011, SALM_NEWPORT } from './salm-newport.ts';

const counts = SALM_NEWPORT.map(([, count]) => count);
const rule: AlertRule = { log: false, k: 2, years: 2, window: 1, fallback: 'ears_c2', alpha: 0.05 };

/** Weeks from a Monday on, one count each. */
const weeks = (firstMonday: string, list: (number | null)[]): WeekCount[] =>
  list.map((count, i) => ({ start: new Date(Date.parse(`${firstMonday}T00:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10), count }));

/** Three years of weeks from 2023-W01 with 1 everywhere, and the given counts on given Mondays. */
function threeYears(overrides: Record<string, number>): WeekCount[] {
  return weeks('2023-01-02', Array.from({ length: 52 * 3 + 1 }, () => 1)).map((w) => ({ ...w, count: overrides[w.start] ?? w.count }));
}

describe('normalQuantile', () => {
  it('gives R\u2019s qnorm to 1e-12', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514715, 12);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });
});

describe('EARS, as R\u2019s surveillance::earsC', () => {
  it('C1 reproduces the bounds published with the package\u2019s tests (salmNewport, Germany, 2011-W01…W04, alpha 0.05)', () => {
    const bounds = C1_2011_PUBLISHED.map((_, i) => ears(counts, FIRST_2011 + i, 'ears_c1', 0.05)!.threshold);
    bounds.forEach((b, i) => expect(Math.abs(b - C1_2011_PUBLISHED[i]!)).toBeLessThan(1e-6));
  });

  it('C2 is C1 on the 7 weeks ending 3 weeks before: the C1 bound of two weeks earlier', () => {
    for (let t = FIRST_2011; t < FIRST_2011 + 30; t++) expect(ears(counts, t, 'ears_c2', 0.05)!.threshold).toBeCloseTo(ears(counts, t - 2, 'ears_c1', 0.05)!.threshold, 12);
  });

  it('C1, C2 and C3 on a small series, computed by hand', () => {
    const small = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 4, 5];
    expect(ears(small, 11, 'ears_c1', 0.05)).toEqual({ expected: expect.closeTo(2.7142857142857144, 12), threshold: expect.closeTo(3.9576781828617724, 12) });
    expect(ears(small, 11, 'ears_c2', 0.05)!.threshold).toBeCloseTo(3.3077826747778403, 12);
    // C3 = count + SD·(z − max(0, C2(t−2) − 1) − max(0, C2(t−1) − 1)), the C2 statistics being 1.069 and 2.673.
    expect(ears(small, 11, 'ears_c3', 0.05)).toEqual({ expected: expect.closeTo(2.4285714285714284, 12), threshold: expect.closeTo(4.9482562138561095, 12) });
    expect(ears(small, 6, 'ears_c1', 0.05)).toBeNull();
    expect(ears([...small.slice(0, 10), null, 5], 11, 'ears_c1', 0.05)).toBeNull();
  });

  it('alarms on the 2011 outbreak weeks (45 and 46: 41 and 45 cases) and not on the quiet start of the year', () => {
    const judged = judgeWeeks(weeks(SALM_NEWPORT[0]![0], counts), { ...rule, fallback: 'ears_c1' }, FIRST_2011);
    expect(judged.slice(0, 4).map((w) => w.above)).toEqual([false, false, false, false]);
    const outbreak = judged.filter((w) => w.start >= '2011-11-07' && w.start <= '2011-11-14');
    expect(outbreak.map((w) => [w.count, w.above, w.method])).toEqual([[41, true, 'ears_c1'], [45, true, 'ears_c1']]);
  });
});

describe('the endemic channel', () => {
  // 2025-W10 (Monday 2025-03-03) against weeks 9–11 of 2024 and 2023: 2, 4, 6 and 4, 6, 8.
  const series = threeYears({ '2024-02-26': 2, '2024-03-04': 4, '2024-03-11': 6, '2023-02-27': 4, '2023-03-06': 6, '2023-03-13': 8, '2025-03-03': 10 });
  const week10 = (r: AlertRule) => judgeWeeks(series, r).find((w) => w.start === '2025-03-03')!;

  it('is the mean + k·SD of the same ISO weeks (± the window) of the earlier years, computed by hand', () => {
    expect(week10(rule)).toMatchObject({ count: 10, method: 'endemic_channel', expected: 5, threshold: expect.closeTo(9.195235392680607, 12), above: true });
  });

  it('works on log(count + 1) for skewed counts', () => {
    expect(week10({ ...rule, log: true })).toMatchObject({ method: 'endemic_channel_log', expected: expect.closeTo(4.665653044173494, 12), threshold: expect.closeTo(11.223845647476118, 12), above: false });
  });

  it('gives the bulletins\u2019 comparisons: the mean of the previous 4 weeks and the same week last year', () => {
    expect(week10(rule)).toMatchObject({ previous4Mean: 1, sameWeekLastYear: 4 });
  });

  it('falls back to EARS where a unit has fewer earlier years than the channel needs', () => {
    const young = weeks('2025-01-06', [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 4, 5]);
    const last = judgeWeeks(young, rule).at(-1)!;
    expect(last).toMatchObject({ method: 'ears_c2', threshold: expect.closeTo(3.3077826747778403, 12), above: true });
    expect(judgeWeeks(young, rule)[0]).toMatchObject({ method: null, threshold: null, above: false });
  });
});
