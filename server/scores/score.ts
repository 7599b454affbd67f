/**
 * Scores, the formulas. Pure: no I/O, no clock.
 *
 * 1. Normalisation (chuẩn hóa) of an indicator's value v to 0–100 between goalposts, by its
 *    direction, as the WHO/World Bank UHC service coverage index does:
 *      higher is better: s = 100 · (v − min) ÷ (max − min)
 *      lower is better:  s = 100 · (max − v) ÷ (max − min)
 *    where for `target` goalposts the goal end is the target in force (or the scheme's
 *    without_target, said); s is capped at 100 (at or past the goal) and floored at 1 (so a
 *    geometric mean stays defined; the UHC index sets a 0 to 1).
 * 2. A component's score: the weighted arithmetic mean of the normalised values of its
 *    indicators that are present, Σ vᵢ·sᵢ ÷ Σ vᵢ over them: weights are renormalised over the
 *    indicators present, and the answer lists the missing ones (never imputed).
 * 3. The total: across the components present, weights wₖ renormalised over them, either
 *      arithmetic: Σ wₖ·Cₖ ÷ Σ wₖ      or      geometric: exp(Σ wₖ·ln Cₖ ÷ Σ wₖ) = Π Cₖ^(wₖ/Σw).
 * 4. Ranks: 1 = the highest total; equal totals share a rank (1, 2, 2, 4); no total, no rank.
 * 5. What-if effects across components (only through elasticities, first order):
 *      Cₜ′ = Cₜ + Σ_f e(f→t) · ΔC_f, with ΔC_f the direct change of component f, kept in [1, 100].
 */
import { SCORE_FLOOR, type Aggregation, type Goalposts, type MissingReason } from '../../data/schema/scores.ts';

export type Direction = 'higher_is_better' | 'lower_is_better';

/** 0 at `worst`, 100 at `best`: best > worst when higher is better, best < worst when lower is. */
export interface Posts {
  worst: number;
  best: number;
  from: 'minmax' | 'target' | 'without_target';
}

/** Normalises a value between goalposts (min < max) by the indicator's direction: 0–100, capped at 100, floored at 1. */
export function normalise(value: number, goalposts: { min: number; max: number }, direction: Direction): number {
  return direction === 'lower_is_better' ? normaliseBetween(value, goalposts.max, goalposts.min) : normaliseBetween(value, goalposts.min, goalposts.max);
}

/** 100 · (v − worst) ÷ (best − worst), in [1, 100]. */
export function normaliseBetween(value: number, worst: number, best: number): number {
  const s = (100 * (value - worst)) / (best - worst);
  return Math.min(100, Math.max(SCORE_FLOOR, s));
}

/** The goalposts that apply to a value: the scheme's min/max, or its floor and the target in force (else without_target); or why none. */
export function resolvePosts(g: Goalposts, direction: Direction, target: number | null): Posts | { missing: MissingReason } {
  const higher = direction === 'higher_is_better';
  if (g.type === 'minmax') return higher ? { worst: g.min, best: g.max, from: 'minmax' } : { worst: g.max, best: g.min, from: 'minmax' };
  const worst = higher ? g.min : g.max;
  const goal = target ?? g.without_target;
  if (worst === undefined) return { missing: 'bad_goalposts' };
  if (goal === undefined) return { missing: 'no_target' };
  // A target at or behind the floor leaves nothing to scale between.
  if (higher ? goal <= worst : goal >= worst) return { missing: 'bad_goalposts' };
  return { worst, best: goal, from: target !== null ? 'target' : 'without_target' };
}

export interface ModelIndicator {
  indicator: string;
  weight: number;
  direction: Direction;
  goalposts: Goalposts;
}

export interface ModelComponent {
  component: string;
  weight: number;
  indicators: ModelIndicator[];
}

/** A scheme with the weights, goalposts and method in force. */
export interface ScoreModel {
  components: ModelComponent[];
  method: Aggregation;
}

/** A unit's figure for one indicator, from the rollup, or why there is none. */
export type Input = { value: number; target: number | null } | { missing: MissingReason };

export interface Normalised {
  normalised: number | null;
  posts: Posts | null;
  missing?: MissingReason;
}

export function normaliseInput(indicator: ModelIndicator, input: Input): Normalised {
  if ('missing' in input) return { normalised: null, posts: null, missing: input.missing };
  const posts = resolvePosts(indicator.goalposts, indicator.direction, input.target);
  if ('missing' in posts) return { normalised: null, posts: null, missing: posts.missing };
  return { normalised: normaliseBetween(input.value, posts.worst, posts.best), posts };
}

/** The model's indicators in one flat order (component by component), with where each component starts. */
export function flatIndicators(model: ScoreModel): { indicators: ModelIndicator[]; offsets: number[] } {
  const offsets: number[] = [];
  const indicators: ModelIndicator[] = [];
  for (const c of model.components) {
    offsets.push(indicators.length);
    indicators.push(...c.indicators);
  }
  offsets.push(indicators.length);
  return { indicators, offsets };
}

/** Weighted arithmetic mean over the values present with a weight above 0, or null when none is. */
export function weightedMean(values: readonly (number | null)[], weights: readonly number[]): number | null {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights[i]!;
    if (v === null || v === undefined || !(w > 0)) continue;
    sum += w * v;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** The total across component scores: weighted arithmetic or geometric mean over those present, or null when none is. */
export function aggregate(scores: readonly (number | null)[], weights: readonly number[], method: Aggregation): number | null {
  if (method === 'arithmetic') return weightedMean(scores, weights);
  let sum = 0;
  let total = 0;
  for (let k = 0; k < scores.length; k++) {
    const s = scores[k];
    const w = weights[k]!;
    if (s === null || s === undefined || !(w > 0)) continue;
    sum += w * Math.log(s);
    total += w;
  }
  return total > 0 ? Math.exp(sum / total) : null;
}

/** Shares of the weights over the entries present (value not null, weight above 0); null for the others. */
export function shares(values: readonly (number | null)[], weights: readonly number[]): (number | null)[] {
  const total = values.reduce<number>((t, v, i) => (v !== null && weights[i]! > 0 ? t + weights[i]! : t), 0);
  return values.map((v, i) => (v !== null && weights[i]! > 0 && total > 0 ? weights[i]! / total : null));
}

export interface UnitScore {
  /** Per component: its score (null: no indicator present), its share of the total, and its indicators' shares. */
  components: { score: number | null; share: number | null; indicatorShares: (number | null)[] }[];
  total: number | null;
}

/** One unit's component scores and total, from its normalised values in the model's flat order. */
export function scoreUnit(model: ScoreModel, normalised: readonly (number | null)[]): UnitScore {
  const { offsets } = flatIndicators(model);
  const components = model.components.map((c, k) => {
    const values = normalised.slice(offsets[k], offsets[k + 1]);
    const weights = c.indicators.map((i) => i.weight);
    return { score: weightedMean(values, weights), share: null as number | null, indicatorShares: shares(values, weights) };
  });
  const scores = components.map((c) => c.score);
  const weights = model.components.map((c) => c.weight);
  shares(scores, weights).forEach((s, k) => (components[k]!.share = s));
  return { components, total: aggregate(scores, weights, model.method) };
}

/** Competition ranks, 1 = highest; equal totals share a rank; null totals get no rank. */
export function rankTotals(totals: readonly (number | null)[]): (number | null)[] {
  const order = totals
    .map((t, i) => [t, i] as const)
    .filter((e): e is readonly [number, number] => e[0] !== null)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ranks: (number | null)[] = totals.map(() => null);
  order.forEach(([t, i], position) => {
    ranks[i] = position > 0 && order[position - 1]![0] === t ? ranks[order[position - 1]![1]]! : position + 1;
  });
  return ranks;
}

/**
 * First-order effects across components in a what-if: each elasticity from → to adds
 * coefficient × (the direct change of `from`) to `to`, kept in [1, 100]; a component with no
 * score stays without one. Returns the scores after and the points each component gained.
 */
export function applyElasticities(
  before: readonly (number | null)[],
  afterDirect: readonly (number | null)[],
  elasticities: readonly { from: number; to: number; coefficient: number }[],
): { after: (number | null)[]; indirect: number[] } {
  const indirect = before.map(() => 0);
  for (const e of elasticities) {
    const b = before[e.from];
    const a = afterDirect[e.from];
    if (b === null || a === null || b === undefined || a === undefined || before[e.to] === null) continue;
    indirect[e.to]! += e.coefficient * (a - b);
  }
  const after = afterDirect.map((s, k) => (s === null || indirect[k] === 0 ? s : Math.min(100, Math.max(SCORE_FLOOR, s + indirect[k]!))));
  return { after, indirect };
}
