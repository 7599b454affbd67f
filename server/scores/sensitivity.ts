/**
 * How sure a ranking is: an uncertainty analysis of the weights and the aggregation method, as the
 * OECD/JRC Handbook on Constructing Composite Indicators (Nardo et al., OECD 2008, step 7 and
 * its Monte-Carlo examples) describes. Pure and reproducible: a seeded PRNG, no clock.
 *
 * Each draw d = 1…D:
 * - the component weights w (shares, Σ = 1) are drawn from a Dirichlet centred on the chosen
 *   ones, w′ ~ Dirichlet(c·w): E[w′ᵢ] = wᵢ and Var[w′ᵢ] = wᵢ(1 − wᵢ) ÷ (c + 1), so the
 *   concentration c says how far weights wander (c = 50 by default: a weight of 0.2 varies with
 *   SD ≈ 0.056); the indicator weights within each component likewise; weights set to 0 stay 0;
 * - a share of the draws (half by default) aggregates the components with the other method
 *   (geometric instead of arithmetic, or the reverse);
 * - every unit's total is recomputed from the same normalised values and the units ranked.
 * For each unit: the median rank over the draws and the 5th and 95th percentile ranks (nearest
 * rank: the value at position ⌈p·D⌉ of the sorted ranks).
 * Gamma variates by Marsaglia & Tsang (ACM TOMS 26(3), 2000), with the boost
 * Gamma(a) = Gamma(a + 1)·U^(1/a) for a < 1; normal variates by Marsaglia's polar method;
 * uniforms from sfc32 seeded through splitmix32.
 */
import { otherAggregation, type Aggregation } from '../../data/schema/scores.ts';
import { flatIndicators, type ScoreModel } from './score.ts';

export type Random = () => number;

/** A seeded uniform generator on (0, 1): sfc32, its state filled by splitmix32. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    // Never 0 or 1: logs and powers stay finite.
    return (t + 0.5) / 4294967296;
  };
}

/** A standard normal variate (Marsaglia's polar method; the second of each pair is dropped for simplicity). */
export function normal(random: Random): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) variate: Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
export function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Dirichlet(alpha) draw into `out` (alpha 0 gives 0): independent gammas divided by their sum. */
export function dirichlet(alpha: ArrayLike<number>, random: Random, out: Float64Array = new Float64Array(alpha.length)): Float64Array {
  let sum = 0;
  for (let i = 0; i < alpha.length; i++) {
    // A gamma of a tiny shape can underflow to 0; keep it above 0 so the weight stays in play.
    const g = alpha[i]! > 0 ? Math.max(gamma(alpha[i]!, random), Number.MIN_VALUE) : 0;
    out[i] = g;
    sum += g;
  }
  for (let i = 0; i < alpha.length; i++) out[i] = sum > 0 ? out[i]! / sum : 0;
  return out;
}

export interface SensitivityOptions {
  draws: number;
  /** c in Dirichlet(c·w). */
  concentration: number;
  seed: number;
  /** Share of the draws aggregated with the other method (0.5: half). */
  otherMethodShare: number;
}

export interface RankSpread {
  medianRank: number;
  p5: number;
  p95: number;
}

/** The nearest-rank percentile of sorted values. */
const nearestRank = (sorted: Int32Array, p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

/**
 * Ranks of the units over Monte-Carlo draws of weights (and method). `normalised`: per unit, the
 * normalised values in the model's flat order (null: missing). Units without a total get null.
 */
export function sensitivity(model: ScoreModel, normalised: readonly (readonly (number | null)[])[], options: SensitivityOptions): (RankSpread | null)[] {
  const { offsets, indicators } = flatIndicators(model);
  const K = model.components.length;
  const I = indicators.length;
  const U = normalised.length;
  const D = options.draws;
  if (D <= 0 || U === 0) return normalised.map(() => null);
  const values = new Float64Array(U * I);
  for (let u = 0; u < U; u++) for (let i = 0; i < I; i++) values[u * I + i] = normalised[u]![i] ?? NaN;

  // Dirichlet parameters around the weights in force, as shares: components, and indicators within each component.
  const shareOf = (ws: number[]) => {
    const t = ws.reduce((a, b) => a + b, 0);
    return ws.map((w) => (t > 0 ? w / t : 0));
  };
  const componentAlpha = shareOf(model.components.map((c) => c.weight)).map((w) => options.concentration * w);
  const indicatorAlpha = model.components.map((c) => shareOf(c.indicators.map((i) => i.weight)).map((w) => options.concentration * w));

  const random = seededRandom(options.seed);
  const other = otherAggregation(model.method);
  const otherDraws = Math.round(D * options.otherMethodShare);
  const ranks = new Int32Array(U * D).fill(-1);
  const w = new Float64Array(K);
  const v = new Float64Array(I);
  const totals = new Float64Array(U);
  const order: number[] = [];
  for (let d = 0; d < D; d++) {
    const method: Aggregation = d >= D - otherDraws ? other : model.method;
    dirichlet(componentAlpha, random, w);
    for (let k = 0; k < K; k++) v.set(dirichlet(indicatorAlpha[k]!, random), offsets[k]!);
    order.length = 0;
    for (let u = 0; u < U; u++) {
      let sum = 0;
      let weight = 0;
      for (let k = 0; k < K; k++) {
        if (!(w[k]! > 0)) continue;
        let cs = 0;
        let cw = 0;
        for (let i = offsets[k]!; i < offsets[k + 1]!; i++) {
          const x = values[u * I + i]!;
          if (Number.isNaN(x) || !(v[i]! > 0)) continue;
          cs += v[i]! * x;
          cw += v[i]!;
        }
        if (cw === 0) continue;
        const score = cs / cw;
        sum += w[k]! * (method === 'geometric' ? Math.log(score) : score);
        weight += w[k]!;
      }
      if (weight > 0) {
        totals[u] = method === 'geometric' ? Math.exp(sum / weight) : sum / weight;
        order.push(u);
      }
    }
    order.sort((a, b) => totals[b]! - totals[a]! || a - b);
    for (let p = 0; p < order.length; p++) {
      const u = order[p]!;
      ranks[u * D + d] = p > 0 && totals[order[p - 1]!] === totals[u] ? ranks[order[p - 1]! * D + d]! : p + 1;
    }
  }
  return normalised.map((_, u) => {
    const mine = ranks.subarray(u * D, (u + 1) * D).filter((r) => r > 0);
    if (mine.length === 0) return null;
    mine.sort();
    return { medianRank: nearestRank(mine, 0.5), p5: nearestRank(mine, 0.05), p95: nearestRank(mine, 0.95) };
  });
}
