/**
 * Class breaks at round values for a choropleth without a target. Pure.
 *
 * Candidates are runs of a ladder of round numbers: equal steps (1, 2 or 5 × 10ⁿ: 94–96–98 %)
 * and, for values from zero up that spread over orders of magnitude, 1–2–5 or 1–3–10 steps
 * (1–2–5–10 per 10.000). The run that spreads the units most evenly over at most `maxClasses`
 * classes wins (the entropy of the class counts; a class left empty costs), the roundest on a tie. A break is written with the
 * decimals its step needs, so no class is narrower than the rounding shown; the first and last
 * classes are open ("under 92", "98 or more"), so none claims a value beyond the data.
 */

export interface Breaks {
  /** Inner breaks, ascending: class i holds breaks[i-1] ≤ value < breaks[i]. */
  breaks: number[];
  /** Decimals that write every break exactly. */
  decimals: number;
}

const MULTIPLES = [1, 2, 5];
/** Ladders longer than this many breaks are too fine a step to be worth trying. */
const LONGEST = 16;
const GEOMETRIC = [[1, 2, 5], [1, 3], [1]];

/** Decimals needed to write a round value exactly (2.5 → 1, 0.25 → 2, 20 → 0). */
export function decimalsOf(value: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(value * 10 ** d) - value * 10 ** d) < 1e-6) return d;
  return 10;
}

/** A round number written without the floating-point noise of its making (0.30000000000000004 → 0.3). */
const clean = (value: number) => Number(value.toPrecision(12));

/** Every run of at most `most` consecutive breaks of a ladder. */
function runs(ladder: number[], most: number): number[][] {
  const all: number[][] = [];
  for (let from = 0; from < ladder.length; from++)
    for (let length = 1; length <= most && from + length <= ladder.length; length++) all.push(ladder.slice(from, from + length));
  return all;
}

function equalSteps(lo: number, hi: number): number[][] {
  const ladders: number[][] = [];
  const top = Math.ceil(Math.log10(hi - lo));
  for (let e = top - 3; e <= top; e++)
    for (const m of MULTIPLES) {
      const step = m * 10 ** e;
      const first = Math.floor(lo / step) + 1;
      const last = Math.floor(hi / step);
      if (last - first + 1 < 1 || last - first + 1 > LONGEST) continue;
      ladders.push(Array.from({ length: last - first + 1 }, (_, i) => clean((first + i) * step)));
    }
  return ladders;
}

function geometricSteps(lo: number, hi: number): number[][] {
  if (lo < 0 || hi <= 0) return [];
  const ladders: number[][] = [];
  for (const multiples of GEOMETRIC) {
    const values: number[] = [];
    for (let e = Math.floor(Math.log10(Math.max(lo, hi / 1e4))) - 1; e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of multiples) {
        const v = clean(m * 10 ** e);
        if (v > lo && v <= hi) values.push(v);
      }
    if (values.length >= 1 && values.length <= LONGEST) ladders.push(values);
  }
  return ladders;
}

function score(sorted: number[], breaks: number[]): number {
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const v of sorted) counts[breaks.filter((b) => v >= b).length]! += 1;
  const entropy = counts.reduce((h, c) => (c === 0 ? h : h - (c / sorted.length) * Math.log(c / sorted.length)), 0);
  return entropy - 0.25 * counts.filter((c) => c === 0).length;
}

/** Round breaks for these values (nulls and non-finite ones ignored). */
export function niceBreaks(values: (number | null)[], maxClasses = 5): Breaks {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0 || sorted[0] === sorted.at(-1)) return { breaks: [], decimals: sorted.length ? decimalsOf(clean(sorted[0]!)) : 0 };
  const [lo, hi] = [sorted[0]!, sorted.at(-1)!];
  const candidates = [...equalSteps(lo, hi), ...geometricSteps(lo, hi)].flatMap((ladder) => runs(ladder, maxClasses - 1));
  let best: { breaks: number[]; score: number; decimals: number } | null = null;
  for (const breaks of candidates) {
    const s = score(sorted, breaks);
    const decimals = Math.max(...breaks.map(decimalsOf));
    // Ties go to the rounder ladder, then to fewer classes.
    if (!best || s > best.score + 1e-9 || (Math.abs(s - best.score) <= 1e-9 && (decimals < best.decimals || (decimals === best.decimals && breaks.length < best.breaks.length))))
      best = { breaks, score: s, decimals };
  }
  return best ? { breaks: best.breaks, decimals: best.decimals } : { breaks: [], decimals: 0 };
}
