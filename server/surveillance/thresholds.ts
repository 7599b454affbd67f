/**
 * Epidemic thresholds on weekly counts of one unit. Pure: a contiguous weekly series in, a
 * judgement per week out: its count, the count expected, the threshold, the method that set it,
 * whether the count is above it, and the two comparisons Vietnamese weekly bulletins make (the mean
 * of the previous 4 weeks, the same week last year).
 *
 * - Endemic channel: the counts of the same ISO week (± `window` weeks) in each of the previous
 *   `years` years; expected = their mean, threshold = mean + k·SD (sample SD). The log variant works
 *   on log(count + 1) for skewed counts: expected = exp(mean) − 1, threshold = exp(mean + k·SD) − 1.
 * - Where a unit lacks those years, EARS (Hutwagner et al. 2003), as R's surveillance::earsC
 *   computes it: C1 = mean + z·SD of the 7 weeks before; C2 the same 7 weeks ending 3 weeks before;
 *   C3 = count + SD·(z − Σ of the previous two weeks' max(0, C2 − 1)), floored at 0; z = Φ⁻¹(1 − α).
 * A count is above its threshold when strictly greater.
 */

import type { JudgedWeek, ThresholdMethod } from '../../data/schema/surveillance.ts';

export type { ThresholdMethod };
export type EarsMethod = Extract<ThresholdMethod, `ears_${string}`>;

export interface AlertRule {
  /** Endemic channel on counts, or on log(count + 1). */
  log: boolean;
  /** SDs above the mean. */
  k: number;
  /** Earlier years the channel needs, and the weeks either side of the same week it takes. */
  years: number;
  window: number;
  /** For units without those years. */
  fallback: EarsMethod;
  /** EARS: one-sided significance. */
  alpha: number;
}

export interface WeekCount {
  /** The Monday of the ISO week, YYYY-MM-DD. */
  start: string;
  /** null: no figure for that week. */
  count: number | null;
}

/** A week judged: its count, expected count, threshold, method, whether above, and the bulletins' comparisons. */
export type WeekJudgement = Omit<JudgedWeek, 'week'>;

/** EARS baselines are 7 weeks, as in the original method and R's default. */
export const EARS_BASELINE = 7;

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function isoWeekOf(monday: string): { year: number; week: number } {
  const d = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
  return { year, week: Math.round((d.getTime() - week1) / (7 * DAY)) + 1 };
}

function mondayOf(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
  const weeks = isoWeekOf(new Date(Date.UTC(year, 11, 28)).toISOString().slice(0, 10)).week;
  return new Date(week1 + (Math.min(week, weeks) - 1) * 7 * DAY).toISOString().slice(0, 10);
}

export const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Sample standard deviation (n − 1), as R's sd(). */
export function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/**
 * Φ⁻¹(p), the standard normal quantile: Wichura's algorithm AS 241 (PPND16), accurate to about
 * 1e-16, so EARS bounds match R's qnorm to the digits published with its tests.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie in (0, 1), got ${p}`);
  const q = p - 0.5;
  const poly = (c: number[], x: number) => c.reduceRight((acc, ci) => acc * x + ci, 0);
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        poly([3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727], r)) /
      poly([1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852545925], r)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      poly([1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4], r) /
      poly([1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9], r);
  } else {
    r -= 5;
    value =
      poly([6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7], r) /
      poly([1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15], r);
  }
  return q < 0 ? -value : value;
}

/** The endemic channel of a week from the same weeks of earlier years, or null when a year is missing. */
function endemicChannel(byStart: Map<string, number | null>, start: string, rule: AlertRule): { expected: number; threshold: number } | null {
  const { year, week } = isoWeekOf(start);
  const values: number[] = [];
  for (let y = 1; y <= rule.years; y++) {
    const centre = mondayOf(year - y, week);
    for (let w = -rule.window; w <= rule.window; w++) {
      const count = byStart.get(addDays(centre, 7 * w));
      if (count === undefined || count === null) return null;
      values.push(rule.log ? Math.log(count + 1) : count);
    }
  }
  if (values.length < 2) return null;
  const m = mean(values);
  const s = sd(values);
  return rule.log ? { expected: Math.exp(m) - 1, threshold: Math.exp(m + rule.k * s) - 1 } : { expected: m, threshold: m + rule.k * s };
}

/** The 7 counts ending `lag` weeks before index t, or null when any is missing or the series is too short. */
function baseline(counts: (number | null)[], t: number, lag: number): number[] | null {
  const from = t - lag - EARS_BASELINE;
  if (from < 0) return null;
  const values = counts.slice(from, t - lag);
  return values.every((v): v is number => v !== null) ? values : null;
}

/** EARS C1, C2 or C3 at index t of a contiguous weekly series: the bound and the baseline mean. */
export function ears(counts: (number | null)[], t: number, method: EarsMethod, alpha: number): { expected: number; threshold: number } | null {
  const z = normalQuantile(1 - alpha);
  if (method !== 'ears_c3') {
    const base = baseline(counts, t, method === 'ears_c1' ? 0 : 2);
    return base ? { expected: mean(base), threshold: mean(base) + z * sd(base) } : null;
  }
  // C3, as surveillance::earsC computes it: from the count itself and the C2 statistics of the two weeks before.
  const c2 = (i: number) => {
    const base = baseline(counts, i, 2);
    const count = counts[i];
    return base && count !== null && count !== undefined ? (count - mean(base)) / sd(base) : null;
  };
  const base = baseline(counts, t, 2);
  const [lag2, lag1, count] = [c2(t - 2), c2(t - 1), counts[t]];
  if (!base || lag2 === null || lag1 === null || count === null || count === undefined) return null;
  const threshold = Math.max(0, count + sd(base) * (z - (Math.max(0, lag2 - 1) + Math.max(0, lag1 - 1))));
  // A baseline without spread leaves C2 undefined (R gives NaN): no judgement rather than a wrong one.
  return Number.isFinite(threshold) ? { expected: mean(base), threshold } : null;
}

/**
 * Judges the weeks of a contiguous weekly series (oldest first) from index `from` on; the weeks
 * before it are history only.
 */
export function judgeWeeks(series: WeekCount[], rule: AlertRule, from = 0): WeekJudgement[] {
  const byStart = new Map(series.map((w) => [w.start, w.count]));
  const counts = series.map((w) => w.count);
  const judged: WeekJudgement[] = [];
  for (let t = from; t < series.length; t++) {
    const { start, count } = series[t]!;
    const channel = endemicChannel(byStart, start, rule);
    const bound = channel ?? ears(counts, t, rule.fallback, rule.alpha);
    const method: ThresholdMethod | null = channel ? (rule.log ? 'endemic_channel_log' : 'endemic_channel') : bound ? rule.fallback : null;
    const previous = counts.slice(Math.max(0, t - 4), t);
    const { year, week } = isoWeekOf(start);
    const lastYear = byStart.get(mondayOf(year - 1, week));
    judged.push({
      start,
      count,
      expected: bound?.expected ?? null,
      threshold: bound?.threshold ?? null,
      method,
      above: bound !== null && count !== null && count > bound.threshold,
      previous4Mean: previous.length === 4 && previous.every((v) => v !== null) ? mean(previous as number[]) : null,
      sameWeekLastYear: lastYear ?? null,
    });
  }
  return judged;
}
