/**
 * The worked example of the scores guide (ScoresGuide.tsx): one unit's composite score recomputed
 * step by step in the browser from the figures the server gives, by the formulas the guide writes
 * out. On purpose not the server's code (server/scores/score.ts): an independent restatement, so
 * that the page, and the test that reads it, notice when the written method and the served
 * numbers drift apart. Pure.
 */
import { SCORE_FLOOR, type Missing, type ScoredUnit, type ScoresAnswer } from '../../data/schema/scores.ts';

/** x = numerator ÷ denominator × factor (a unit's value is computed from its sums, never a mean of rates). */
export const ratio = (numerator: number, denominator: number, factor: number): number | null => (denominator === 0 ? null : (numerator / denominator) * factor);

/** s = 100 × (x − worst) ÷ (best − worst) before the cap and floor: best < worst when lower is better. */
export const scaled = (value: number, worst: number, best: number): number => (100 * (value - worst)) / (best - worst);

/** The normalised score: capped at 100, floored at 1. */
export const capped = (s: number): number => Math.min(100, Math.max(SCORE_FLOOR, s));

export interface Weighted {
  weight: number;
  score: number;
}

/** Σ wᵢ × sᵢ ÷ Σ wᵢ. */
export const arithmeticMean = (parts: readonly Weighted[]): number => parts.reduce((s, p) => s + p.weight * p.score, 0) / parts.reduce((s, p) => s + p.weight, 0);

/** Π sᵢ^(wᵢ ÷ Σ w). */
export function geometricMean(parts: readonly Weighted[]): number {
  const total = parts.reduce((s, p) => s + p.weight, 0);
  return parts.reduce((product, p) => product * Math.pow(p.score, p.weight / total), 1);
}

/** 1 + the number of totals above this one (equal totals share a rank). */
export const competitionRank = (total: number, totals: readonly (number | null)[]): number => 1 + totals.filter((t) => t !== null && t > total).length;

export interface IndicatorStep {
  indicator: string;
  name: { vi: string; en: string };
  weight: number;
  numerator: number | null;
  denominator: number | null;
  factor: number;
  /** The server's value and the page's (numerator ÷ denominator × factor; the server's where it has no counts). */
  value: number;
  computedValue: number;
  worst: number;
  best: number;
  from: 'minmax' | 'target' | 'without_target';
  target: { value: number; source: string } | null;
  /** Before the cap and floor, then after: the page's; and the server's. */
  scaled: number;
  computed: number;
  normalised: number;
}

export interface ComponentStep {
  component: string;
  name: { vi: string; en: string };
  weight: number;
  indicators: IndicatorStep[];
  missing: Missing[];
  /** Null when no indicator of it is present (left out of the total). */
  score: number | null;
  computed: number | null;
}

export interface TotalStep {
  method: ScoresAnswer['scheme']['method'];
  total: number;
  computed: number;
  rank: number;
  computedRank: number;
}

export interface WorkedExample {
  unit: ScoredUnit;
  components: ComponentStep[];
  /** The scheme's method first, then the other one. */
  totals: TotalStep[];
}

/**
 * Every step for `code`, from the answers of the same request by both methods. `factor`: the
 * catalogue's multiplier of each indicator (100 for a percentage).
 */
export function workedExample(code: string, answers: readonly ScoresAnswer[], factor: (indicator: string) => number): WorkedExample | null {
  const unit = answers[0]?.units.find((u) => u.code === code);
  if (!unit || unit.total === null) return null;
  const components = unit.components.map((c): ComponentStep => {
    const indicators = c.indicators.flatMap((i): IndicatorStep[] => {
      if (i.value === null || i.goalposts === null || i.normalised === null) return [];
      const f = factor(i.indicator);
      const computedValue = i.numerator !== null && i.denominator !== null ? (ratio(i.numerator, i.denominator, f) ?? i.value) : i.value;
      const s = scaled(computedValue, i.goalposts.worst, i.goalposts.best);
      return [
        {
          indicator: i.indicator,
          name: i.name,
          weight: i.weight,
          numerator: i.numerator,
          denominator: i.denominator,
          factor: f,
          value: i.value,
          computedValue,
          worst: i.goalposts.worst,
          best: i.goalposts.best,
          from: i.goalposts.from,
          target: i.target,
          scaled: s,
          computed: capped(s),
          normalised: i.normalised,
        },
      ];
    });
    const parts = indicators.filter((i) => i.weight > 0).map((i) => ({ weight: i.weight, score: i.computed }));
    return { component: c.component, name: c.name, weight: c.weight, indicators, missing: c.missing, score: c.score, computed: parts.length > 0 ? arithmeticMean(parts) : null };
  });
  const parts = components.filter((c) => c.computed !== null && c.weight > 0).map((c) => ({ weight: c.weight, score: c.computed! }));
  const totals = answers.flatMap((answer): TotalStep[] => {
    const served = answer.units.find((u) => u.code === code);
    if (!served || served.total === null || served.rank === null) return [];
    const computed = answer.scheme.method === 'geometric' ? geometricMean(parts) : arithmeticMean(parts);
    return [{ method: answer.scheme.method, total: served.total, computed, rank: served.rank, computedRank: competitionRank(computed, answer.units.filter((u) => u.code !== code).map((u) => u.total)) }];
  });
  return { unit, components, totals };
}

/** A unit's rollup figures flagged as demo or not, by indicator (GET /api/rollup's rows). */
export type DemoFlags = Map<string, Map<string, boolean>>;

/**
 * The unit to work the example on: the one with the most real figures counted from a numerator
 * and a denominator (so that every step can be checked by hand), the best ranked among those.
 */
export function exampleUnit(answer: ScoresAnswer, demo: DemoFlags): string | null {
  const real = (u: ScoredUnit) =>
    u.components.flatMap((c) => c.indicators).filter((i) => i.normalised !== null && i.numerator !== null && demo.get(u.code)?.get(i.indicator) === false).length;
  const ranked = answer.units.filter((u) => u.rank !== null && !u.former).sort((a, b) => real(b) - real(a) || a.rank! - b.rank!);
  return ranked[0]?.code ?? null;
}
