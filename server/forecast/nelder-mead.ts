/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the standard coefficients: reflection
 * 1, expansion 2, contraction ½, shrink ½, as R's optim and forecast::ets use). Unconstrained:
 * callers map bounded parameters onto the real line. Pure.
 */

export interface NelderMeadOptions {
  /** Side of the starting simplex along each axis. */
  step?: number;
  /** Stop when the simplex's values differ by at most absolute + relative × |best value|. */
  absolute?: number;
  relative?: number;
  maxIterations?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
}

export function nelderMead(f: (x: number[]) => number, start: number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = start.length;
  const step = options.step ?? 1;
  const absolute = options.absolute ?? 1e-10;
  const relative = options.relative ?? 1e-8;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, n);
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i]! += step;
    points.push(p);
  }
  const values = points.map(value);
  const order = points.map((_, i) => i);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    const fBest = values[best]!;
    const fWorst = values[worst]!;
    if (fWorst - fBest <= absolute + relative * Math.abs(fBest)) break;
    const centroid = new Array<number>(n).fill(0);
    for (const i of order.slice(0, n)) for (let j = 0; j < n; j++) centroid[j]! += points[i]![j]! / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (points[worst]![j]! - c));
    const reflected = along(-1);
    const fReflected = value(reflected);
    if (fReflected < fBest) {
      const expanded = along(-2);
      const fExpanded = value(expanded);
      if (fExpanded < fReflected) [points[worst], values[worst]] = [expanded, fExpanded];
      else [points[worst], values[worst]] = [reflected, fReflected];
    } else if (fReflected < values[second]!) {
      [points[worst], values[worst]] = [reflected, fReflected];
    } else {
      const outside = fReflected < fWorst;
      const contracted = along(outside ? -0.5 : 0.5);
      const fContracted = value(contracted);
      if (fContracted < (outside ? fReflected : fWorst)) [points[worst], values[worst]] = [contracted, fContracted];
      else {
        for (const i of order.slice(1)) {
          points[i] = points[i]!.map((x, j) => points[best]![j]! + 0.5 * (x - points[best]![j]!));
          values[i] = value(points[i]!);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[best]!) best = i;
  return { x: points[best]!, value: values[best]!, iterations, evaluations };
}
