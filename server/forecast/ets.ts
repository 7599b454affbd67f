/**
 * Exponential smoothing as innovations state-space models with additive errors (Hyndman, Koehler,
 * Ord & Snyder 2008; Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", ch. 8;
 * R's forecast::ets). Pure: a series in, fitted models, forecasts and simulated sample paths out.
 *
 * The models, with one-step error e_t = y_t − ŷ_t:
 *   ANN  (simple exponential smoothing)  ŷ = l                 l ← l + αe
 *   AAN  (Holt's linear trend)           ŷ = l + b             l ← l + b + αe,   b ← b + βe
 *   AAdN (damped trend)                  ŷ = l + φb            l ← l + φb + αe,  b ← φb + βe
 *   ANA, AAA, AAdA: the same with an additive seasonal term s (period m): ŷ += s_{t−m},
 *   s_t = s_{t−m} + γe.
 * Parameters maximise the Gaussian likelihood, i.e. minimise the sum of squared one-step errors
 * (SSE), within forecast::ets's usual bounds: 1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β < α, 1e-4 ≤ γ < 1 − α,
 * 0.8 ≤ φ ≤ 0.98. The initial states (l₀, b₀, and m seasonal terms summing to zero) are estimated
 * too, as forecast::ets does, but exactly rather than by search: for fixed smoothing parameters
 * these models are linear in their initial state, so the SSE-minimising state is a least-squares
 * solution (Hyndman et al. 2008, ch. 5, on seed states), and Nelder–Mead searches the 1–4 smoothing parameters only.
 * Models are compared by AICc with k = smoothing parameters + initial states + 1 (σ), as
 * forecast::ets counts them; σ² = SSE / (n − k + 1), as forecast::ets reports it.
 */
import { nelderMead } from './nelder-mead.ts';
import { seededRandom } from './random.ts';

export const MODELS = ['ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA'] as const;
export type ModelName = (typeof MODELS)[number];

/** Months in a year: the seasonal period of a monthly series. */
export const MONTHS = 12;

interface Form {
  trend: boolean;
  damped: boolean;
  seasonal: boolean;
}

export function formOf(model: ModelName): Form {
  return { trend: model[1] === 'A', damped: model.includes('d'), seasonal: model.endsWith('A') };
}

/** The usual bounds of forecast::ets. */
export const BOUNDS = { lower: 1e-4, upper: 0.9999, phi: [0.8, 0.98] as const };

export interface Smoothing {
  alpha: number;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
}

/** A state: level, trend (0 without one) and the seasonal terms, `season[0]` the one the next time point uses. */
export interface EtsState {
  level: number;
  trend: number;
  season: number[];
}

export interface EtsFit {
  model: ModelName;
  /** Seasonal period (1 for non-seasonal models). */
  m: number;
  n: number;
  params: Smoothing;
  /** The estimated initial state (before the first observation). */
  initial: EtsState;
  /** The state after the last observation. */
  final: EtsState;
  sse: number;
  sigma2: number;
  /** Parameters counted by the information criteria: smoothing parameters, initial states and σ. */
  k: number;
  logLik: number;
  aic: number;
  aicc: number;
  bic: number;
  residuals: number[];
  fitted: number[];
}

// ---------------------------------------------------------------------------------------------
// The filter

interface Coefficients {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * Runs the model over y (over zeros when `useY` is false) from the initial state
 * x0 = [l, b?, s₀…s_{m−1}] (s_j the seasonal term time j uses), writing the one-step errors into
 * `out`. `season` is scratch of length m and holds the final seasonal terms (indexed by time mod m).
 */
function filter(
  y: Float64Array,
  useY: boolean,
  n: number,
  m: number,
  form: Form,
  c: Coefficients,
  x0: Float64Array,
  out: Float64Array,
  season: Float64Array,
): { level: number; trend: number } {
  let level = x0[0]!;
  let trend = form.trend ? x0[1]! : 0;
  const offset = form.trend ? 2 : 1;
  const phi = form.trend ? (form.damped ? c.phi : 1) : 0;
  const { alpha, beta, gamma } = c;
  if (form.seasonal) {
    for (let j = 0; j < m; j++) season[j] = x0[offset + j]!;
    let j = 0;
    for (let i = 0; i < n; i++) {
      const s = season[j]!;
      const damped = phi * trend;
      const e = (useY ? y[i]! : 0) - (level + damped + s);
      out[i] = e;
      level = level + damped + alpha * e;
      trend = damped + beta * e;
      season[j] = s + gamma * e;
      if (++j === m) j = 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const damped = phi * trend;
      const e = (useY ? y[i]! : 0) - (level + damped);
      out[i] = e;
      level = level + damped + alpha * e;
      trend = damped + beta * e;
    }
  }
  return { level, trend: form.trend ? trend : 0 };
}

/** Σ_{t=j}^{n−1} p[t]·q[t − j]: a dot product with q shifted j steps later. */
function lagged(p: Float64Array, q: Float64Array, j: number, n: number): number {
  let s = 0;
  for (let t = j; t < n; t++) s += p[t]! * q[t - j]!;
  return s;
}

/**
 * Scratch for one series and model, reused across the optimiser's evaluations, and the exact
 * initial state for given coefficients. The one-step errors are affine in the initial state:
 * e(x) = e₀ + E x, with e₀ the errors from a zero state and E's columns the (negated) responses to
 * a unit level, trend or seasonal term on zero data. The seasonal responses are one response
 * shifted (a term in slot j first acts at time j, then evolves as slot 0 does from time 0), so
 * three passes and lagged sums give EᵀE and Eᵀe₀. The free initial states are the level, the trend
 * and m − 1 seasonal terms; the m-th makes them sum to zero.
 */
class Workspace {
  readonly k: number;
  readonly raw: number;
  readonly offset: number;
  private readonly e0: Float64Array;
  private readonly levelResponse: Float64Array;
  private readonly trendResponse: Float64Array;
  private readonly seasonResponse: Float64Array;
  private readonly errors: Float64Array;
  private readonly season: Float64Array;
  private readonly x0: Float64Array;
  private readonly gram: Float64Array;
  private readonly cross: Float64Array;
  private readonly a: Float64Array;
  private readonly v: Float64Array;
  private readonly chol: Float64Array;
  private readonly z: Float64Array;
  private readonly x: Float64Array;
  /** The last concentrated initial state [l, b?, s₀…s_{m−1}]. */
  readonly solution: Float64Array;
  constructor(
    readonly y: Float64Array,
    readonly n: number,
    readonly m: number,
    readonly form: Form,
  ) {
    this.offset = form.trend ? 2 : 1;
    this.k = this.offset + (form.seasonal ? m - 1 : 0);
    this.raw = this.offset + (form.seasonal ? m : 0);
    const vector = () => new Float64Array(n);
    [this.e0, this.levelResponse, this.trendResponse, this.seasonResponse, this.errors] = [vector(), vector(), vector(), vector(), vector()];
    this.season = new Float64Array(Math.max(1, m));
    this.x0 = new Float64Array(this.raw);
    this.solution = new Float64Array(this.raw);
    this.gram = new Float64Array(this.raw * this.raw);
    this.cross = new Float64Array(this.raw);
    this.a = new Float64Array(this.k * this.k);
    this.chol = new Float64Array(this.k * this.k);
    this.v = new Float64Array(this.k);
    this.z = new Float64Array(this.k);
    this.x = new Float64Array(this.k);
  }

  private pass(useY: boolean, c: Coefficients, unit: number, out: Float64Array) {
    this.x0.fill(0);
    if (unit >= 0) this.x0[unit] = 1;
    filter(this.y, useY, this.n, this.m, this.form, c, this.x0, out, this.season);
  }

  /** The SSE of the run from `x0`, leaving its final state in the return value. */
  run(c: Coefficients, x0: Float64Array): { sse: number; level: number; trend: number; season: Float64Array; errors: Float64Array } {
    const end = filter(this.y, true, this.n, this.m, this.form, c, x0, this.errors, this.season);
    let sse = 0;
    for (let t = 0; t < this.n; t++) sse += this.errors[t]! * this.errors[t]!;
    return { sse, ...end, season: this.season, errors: this.errors };
  }

  /** Fills `solution` with the SSE-minimising initial state for these coefficients and returns that SSE. */
  concentrate(c: Coefficients): number {
    const { n, m, form, k, raw, offset, gram, cross } = this;
    const e0 = this.e0;
    const L = this.levelResponse;
    const T = this.trendResponse;
    const S = this.seasonResponse;
    this.pass(true, c, -1, e0);
    this.pass(false, c, 0, L);
    if (form.trend) this.pass(false, c, 1, T);
    if (form.seasonal) this.pass(false, c, offset, S);
    // Raw columns: L, T, and r_j[t] = S[t − j] (t ≥ j). Gram matrix and cross products with e0.
    gram[0] = lagged(L, L, 0, n);
    cross[0] = lagged(e0, L, 0, n);
    if (form.trend) {
      gram[1] = gram[raw] = lagged(L, T, 0, n);
      gram[raw + 1] = lagged(T, T, 0, n);
      cross[1] = lagged(e0, T, 0, n);
    }
    if (form.seasonal) {
      for (let j = 0; j < m; j++) {
        const r = offset + j;
        gram[r] = gram[r * raw] = lagged(L, S, j, n);
        if (form.trend) gram[raw + r] = gram[r * raw + 1] = lagged(T, S, j, n);
        cross[r] = lagged(e0, S, j, n);
      }
      // <r_i, r_j> = Σ_{u < n − j} S[u] S[u + j − i] for i ≤ j.
      for (let d = 0; d < m; d++) {
        let s = 0;
        for (let u = 0; u <= n - m; u++) s += S[u]! * S[u + d]!;
        for (let j = m - 1; j >= d; j--) {
          if (j < m - 1) s += S[n - j - 1]! * S[n - j - 1 + d]!;
          const p = offset + j - d;
          const q = offset + j;
          gram[p * raw + q] = gram[q * raw + p] = s;
        }
      }
    }
    // Free basis: level, trend, and seasonal q as r_q − r_{m−1}; minimise ‖e0 + E x‖².
    const last = offset + m - 1;
    const a = this.a;
    const v = this.v;
    for (let p = 0; p < k; p++) {
      const pSeasonal = p >= offset;
      v[p] = -(cross[p]! - (pSeasonal ? cross[last]! : 0));
      for (let q = 0; q <= p; q++) {
        const qSeasonal = q >= offset;
        let g = gram[p * raw + q]!;
        if (pSeasonal) g -= gram[last * raw + q]!;
        if (qSeasonal) g -= gram[p * raw + last]!;
        if (pSeasonal && qSeasonal) g += gram[last * raw + last]!;
        a[p * k + q] = a[q * k + p] = g;
      }
    }
    this.solve();
    const x = this.x;
    const solution = this.solution;
    let sum = 0;
    for (let p = 0; p < k; p++) {
      solution[p] = x[p]!;
      if (p >= offset) sum += x[p]!;
    }
    if (form.seasonal) solution[last] = -sum;
    return this.run(c, solution).sse;
  }

  /** Solves a x = v into this.x by Cholesky, adding a small ridge if the system is (nearly) singular. */
  private solve() {
    const { k, a, v, chol: l, z, x } = this;
    let trace = 0;
    for (let i = 0; i < k; i++) trace += a[i * k + i]!;
    for (let ridge = 0; ridge < 10; ridge++) {
      const jitter = ridge === 0 ? 0 : (trace / k) * 10 ** (ridge - 15);
      let ok = true;
      for (let i = 0; i < k && ok; i++) {
        for (let j = 0; j <= i; j++) {
          let sum = a[i * k + j]! + (i === j ? jitter : 0);
          for (let p = 0; p < j; p++) sum -= l[i * k + p]! * l[j * k + p]!;
          if (i === j) {
            if (!(sum > 0)) {
              ok = false;
              break;
            }
            l[i * k + i] = Math.sqrt(sum);
          } else l[i * k + j] = sum / l[j * k + j]!;
        }
      }
      if (!ok) continue;
      for (let i = 0; i < k; i++) {
        let sum = v[i]!;
        for (let p = 0; p < i; p++) sum -= l[i * k + p]! * z[p]!;
        z[i] = sum / l[i * k + i]!;
      }
      for (let i = k - 1; i >= 0; i--) {
        let sum = z[i]!;
        for (let p = i + 1; p < k; p++) sum -= l[p * k + i]! * x[p]!;
        x[i] = sum / l[i * k + i]!;
      }
      return;
    }
    x.fill(0);
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters on the real line

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));
const between = (lo: number, hi: number, u: number) => lo + (hi - lo) * logistic(u);
const inverse = (lo: number, hi: number, x: number) => (hi - lo <= 0 ? 0 : logit(Math.min(1 - 1e-12, Math.max(1e-12, (x - lo) / (hi - lo)))));

type Name = 'alpha' | 'beta' | 'gamma' | 'phi';

function namesOf(form: Form): Name[] {
  return ['alpha', ...(form.trend ? (['beta'] as const) : []), ...(form.seasonal ? (['gamma'] as const) : []), ...(form.damped ? (['phi'] as const) : [])];
}

/** The coefficients from the free parameters on the real line (u) and the fixed ones, or null if inadmissible. */
function coefficientsOf(form: Form, free: Name[], u: ArrayLike<number>, fixed: Partial<Record<Name, number>>): Coefficients | null {
  const { lower, upper, phi: phiBounds } = BOUNDS;
  const at = (name: Name, lo: number, hi: number) => {
    const i = free.indexOf(name);
    return i >= 0 ? between(lo, hi, u[i]!) : fixed[name]!;
  };
  const alpha = at('alpha', lower, upper);
  const beta = form.trend ? at('beta', lower, alpha) : 0;
  const gamma = form.seasonal ? at('gamma', lower, 1 - alpha) : 0;
  const phi = form.damped ? at('phi', phiBounds[0], phiBounds[1]) : 1;
  if (form.trend && beta > alpha) return null;
  if (form.seasonal && gamma > 1 - alpha) return null;
  return { alpha, beta, gamma, phi };
}

function realLineOf(free: Name[], c: Coefficients): number[] {
  const { lower, upper, phi } = BOUNDS;
  return free.map((name) =>
    name === 'alpha'
      ? inverse(lower, upper, c.alpha)
      : name === 'beta'
        ? inverse(lower, c.alpha, c.beta)
        : name === 'gamma'
          ? inverse(lower, 1 - c.alpha, c.gamma)
          : inverse(phi[0], phi[1], c.phi),
  );
}

// ---------------------------------------------------------------------------------------------
// Fitting

export interface FitOptions {
  /** Seasonal period for the seasonal models (default 12). */
  m?: number;
  /** Smoothing parameters held at given values (e.g. a textbook's α). */
  fixed?: Partial<Record<Name, number>>;
  /** Where the search starts (e.g. the parameters fitted on a longer stretch of the same series). */
  start?: Smoothing;
  /** Side of the starting simplex, on the logit scale. */
  step?: number;
}

/** The smallest SSE kept, so that series a model fits exactly still compare by their parameter counts. */
const sseFloor = (y: ArrayLike<number>, n: number) => {
  let scale = 0;
  for (let i = 0; i < n; i++) scale += Math.abs(y[i]!);
  return n * (1e-10 * Math.max(1, scale / n)) ** 2;
};

/** Fits one model by maximum likelihood. Throws if the series is too short for it. */
export function fitEts(y: ArrayLike<number>, model: ModelName, options: FitOptions = {}): EtsFit {
  const form = formOf(model);
  const n = y.length;
  const m = form.seasonal ? (options.m ?? MONTHS) : 1;
  if (!canFit(model, n, m)) throw new RangeError(`${model} needs at least ${minimumLength(model, m)} observations, got ${n}`);
  const fixed = options.fixed ?? {};
  const free = namesOf(form).filter((name) => fixed[name] === undefined);
  const work = new Workspace(Float64Array.from(y), n, m, form);
  const k = free.length + work.k + 1;
  const floor = sseFloor(y, n);
  // −2 log-likelihood up to a constant, as forecast::ets minimises it.
  const objective = (u: ArrayLike<number>) => {
    const c = coefficientsOf(form, free, u, fixed);
    return c ? n * Math.log(Math.max(floor, work.concentrate(c))) : Infinity;
  };

  let best: number[] = [];
  if (free.length > 0) {
    const starts: Coefficients[] = [];
    if (options.start) {
      const s = options.start;
      starts.push({ alpha: s.alpha, beta: s.beta ?? 0, gamma: s.gamma ?? 0, phi: s.phi ?? 1 });
    } else
      // A small grid of starting points: the likelihood can have a second mode (e.g. β near α or near 0).
      for (const alpha of [0.1, 0.3, 0.6, 0.9])
        for (const beta of form.trend ? [0.01, 0.3, 0.9] : [0])
          for (const gamma of form.seasonal ? [0.01, 0.3] : [0])
            starts.push({ alpha, beta: beta * alpha, gamma: gamma * (1 - alpha), phi: 0.95 });
    let start = realLineOf(free, { ...starts[0]!, ...fixed });
    let startValue = objective(start);
    for (const s of starts.slice(1)) {
      const u = realLineOf(free, { ...s, ...fixed });
      const v = objective(u);
      if (v < startValue) [start, startValue] = [u, v];
    }
    const step = options.step ?? 1;
    // A warm start only refines: a change in −2 log-likelihood of 1e-4 is far below what AICc or a forecast notices.
    const tolerance = options.start ? { absolute: 1e-4, relative: 0 } : { absolute: 1e-7, relative: 1e-9 };
    let result = nelderMead(objective, start, { step, ...tolerance, maxIterations: 150 * free.length + 100 });
    // One restart from where it stopped: the standard guard against a collapsed simplex.
    if (!options.start) {
      const again = nelderMead(objective, result.x, { step: step / 2, ...tolerance, maxIterations: 100 * free.length + 50 });
      if (again.value <= result.value) result = again;
    }
    best = result.x;
  }
  const c = coefficientsOf(form, free, best, fixed)!;
  work.concentrate(c);
  return assemble(work, model, c, work.solution, k);
}

/** A model with every parameter and its initial state given (e.g. a published fit), evaluated on y. */
export function etsWith(y: ArrayLike<number>, model: ModelName, params: Smoothing, initial: EtsState, m = MONTHS): EtsFit {
  const form = formOf(model);
  const period = form.seasonal ? m : 1;
  const work = new Workspace(Float64Array.from(y), y.length, period, form);
  const x0 = Float64Array.from([initial.level, ...(form.trend ? [initial.trend] : []), ...(form.seasonal ? initial.season : [])]);
  const k = namesOf(form).length + work.k + 1;
  return assemble(work, model, { alpha: params.alpha, beta: params.beta ?? 0, gamma: params.gamma ?? 0, phi: params.phi ?? 1 }, x0, k);
}

function assemble(work: Workspace, model: ModelName, c: Coefficients, x0: Float64Array, k: number): EtsFit {
  const { form, n, m, y, offset } = work;
  const x = Float64Array.from(x0);
  const end = work.run(c, x);
  const sse = end.sse;
  const floored = Math.max(sse, sseFloor(y, n));
  const logLik = -0.5 * n * (Math.log((2 * Math.PI * floored) / n) + 1);
  const aic = -2 * logLik + 2 * k;
  return {
    model,
    m,
    n,
    params: { alpha: c.alpha, beta: form.trend ? c.beta : null, gamma: form.seasonal ? c.gamma : null, phi: form.damped ? c.phi : null },
    initial: { level: x[0]!, trend: form.trend ? x[1]! : 0, season: form.seasonal ? Array.from({ length: m }, (_, j) => x[offset + j]!) : [] },
    final: { level: end.level, trend: end.trend, season: form.seasonal ? Array.from({ length: m }, (_, j) => end.season[(n + j) % m]!) : [] },
    sse,
    sigma2: sse / (n - (k - 1)),
    k,
    logLik,
    aic,
    aicc: n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity,
    bic: -2 * logLik + Math.log(n) * k,
    residuals: Array.from(end.errors),
    fitted: Array.from(end.errors, (e, t) => y[t]! - e),
  };
}

/** Observations a model needs: more than its parameters + 1 (forecast::ets's rule), and two full seasons for a seasonal one. */
export function minimumLength(model: ModelName, m = MONTHS): number {
  const form = formOf(model);
  const k = namesOf(form).length + 1 + (form.trend ? 1 : 0) + (form.seasonal ? m - 1 : 0);
  return Math.max(form.seasonal ? 2 * m : 4, k + 2);
}

export const canFit = (model: ModelName, n: number, m = MONTHS) => n >= minimumLength(model, m);

export interface Selection {
  best: EtsFit;
  /** Every model tried, with its AICc. */
  candidates: { model: ModelName; aicc: number }[];
}

/** Fits every model the series is long enough for and keeps the one with the lowest AICc. */
export function selectEts(y: ArrayLike<number>, options: { m?: number; models?: readonly ModelName[] } = {}): Selection {
  const m = options.m ?? MONTHS;
  const fits = (options.models ?? MODELS).filter((model) => canFit(model, y.length, m)).map((model) => fitEts(y, model, { m }));
  if (fits.length === 0) throw new RangeError(`too few observations (${y.length}) for any model`);
  const best = fits.reduce((a, b) => (b.aicc < a.aicc ? b : a));
  return { best, candidates: fits.map((f) => ({ model: f.model, aicc: f.aicc })) };
}

// ---------------------------------------------------------------------------------------------
// Forecasting

/** Point forecasts h = 1…horizon: the conditional means l + (φ + … + φʰ) b + s. */
export function pointForecasts(fit: EtsFit, horizon: number): number[] {
  const { level, trend, season } = fit.final;
  const form = formOf(fit.model);
  const phi = form.damped ? fit.params.phi! : 1;
  const out: number[] = [];
  let phiSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    phiSum += form.trend ? power : 0;
    out.push(level + phiSum * trend + (form.seasonal ? season[(h - 1) % fit.m]! : 0));
  }
  return out;
}

/**
 * h-step forecast variances as multiples of σ², 1 + Σ_{j<h} c_j² with c_j = α + β(φ + … + φʲ) + γ·[m divides j]
 * (Hyndman et al. 2008, ch. 6, class 1: the linear models here).
 */
export function varianceMultipliers(fit: EtsFit, horizon: number): number[] {
  const form = formOf(fit.model);
  const { alpha } = fit.params;
  const beta = fit.params.beta ?? 0;
  const gamma = fit.params.gamma ?? 0;
  const phi = form.damped ? fit.params.phi! : 1;
  const out = [1];
  let phiSum = 0;
  let power = 1;
  let sum = 1;
  for (let j = 1; j < horizon; j++) {
    power *= phi;
    phiSum += power;
    const c = alpha + (form.trend ? beta * phiSum : 0) + (form.seasonal && j % fit.m === 0 ? gamma : 0);
    sum += c * c;
    out.push(sum);
  }
  return out;
}

export interface SimulationOptions {
  /** Sample paths (an even number: they come in antithetic pairs). Default 2000. */
  paths?: number;
  seed?: number;
  /** Errors drawn with σ × this (the backtest's calibration; 1 by default). */
  sigmaScale?: number;
}

/**
 * Future sample paths from the fitted model with Gaussian errors of its σ (Hyndman et al. 2008,
 * ch. 6): values[h · paths + p] is path p at step h + 1. Paths come in antithetic pairs (errors ε and
 * −ε), so for these linear models each step's sample is symmetric about the point forecast and its
 * median is the point forecast (up to rounding).
 */
export function simulatePaths(fit: EtsFit, horizon: number, options: SimulationOptions = {}): Float64Array {
  const paths = Math.max(2, Math.round((options.paths ?? 2000) / 2) * 2);
  const random = seededRandom(options.seed ?? 1);
  const form = formOf(fit.model);
  const { alpha } = fit.params;
  const beta = fit.params.beta ?? 0;
  const gamma = fit.params.gamma ?? 0;
  const phi = form.trend ? (fit.params.phi ?? 1) : 0;
  const sigma = Math.sqrt(Math.max(0, fit.sigma2)) * (options.sigmaScale ?? 1);
  const m = form.seasonal ? fit.m : 1;
  const values = new Float64Array(horizon * paths);
  // Every path's state, stepped together so that each step's values are written side by side.
  const level = new Float64Array(paths).fill(fit.final.level);
  const trend = new Float64Array(paths).fill(fit.final.trend);
  const season = new Float64Array(paths * m);
  if (form.seasonal) for (let p = 0; p < paths; p++) for (let j = 0; j < m; j++) season[p * m + j] = fit.final.season[j]!;
  const normals = new Float64Array(paths / 2);
  for (let h = 0; h < horizon; h++) {
    const j = h % m;
    const row = h * paths;
    random.fillNormal(normals);
    for (let p = 0; p < paths; p += 2) {
      // Antithetic pairs: path p takes the error ε, path p + 1 takes −ε.
      const z = sigma * normals[p >> 1]!;
      for (let q = p; q < p + 2; q++) {
        const e = q === p ? z : -z;
        const s = form.seasonal ? season[q * m + j]! : 0;
        const damped = phi * trend[q]!;
        values[row + q] = level[q]! + damped + s + e;
        level[q] = level[q]! + damped + alpha * e;
        trend[q] = damped + beta * e;
        if (form.seasonal) season[q * m + j] = s + gamma * e;
      }
    }
  }
  return values;
}

/** Sample quantile of type 7 (R's default) of values[from … from + count − 1], which it reorders. */
export function quantileInPlace(values: Float64Array, from: number, count: number, probability: number): number {
  const position = (count - 1) * probability;
  const lo = Math.floor(position);
  const a = select(values, from, from + count - 1, from + lo);
  if (lo === position || lo + 1 >= count) return a;
  // The next order statistic is the smallest value above position lo (select leaves them to its right).
  let b = Infinity;
  for (let i = from + lo + 1; i < from + count; i++) if (values[i]! < b) b = values[i]!;
  return a + (position - lo) * (b - a);
}

/** Hoare's quickselect: puts the k-th smallest of values[left…right] at index k, smaller ones before it. */
function select(values: Float64Array, left: number, right: number, k: number): number {
  while (right > left) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}
