/**
 * Scores (cơ chế tính điểm, QĐ 828 phase 2), as data: the reviewed scoring scheme
 * (data/catalogue/scores.yaml) and its checks against the catalogue, what a scores request asks
 * for (GET /api/scores, weights, goalposts and what-ifs in the URL so a link keeps them) and
 * what it gets. Pure (zod, no I/O), shared by server and client; the formulas are
 * server/scores/score.ts and server/scores/sensitivity.ts.
 */
import { z } from 'zod';
import { COMPONENTS, type Catalogue, type Indicator } from './indicator.ts';
import { parsePeriod, PERIOD_FORMATS, type Grain } from './period.ts';

const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case');
const weight = z.number().finite().positive('a weight must be above 0');

/** Across components: a weighted arithmetic mean, or a weighted geometric mean (as the UHC service coverage index). */
export const AGGREGATIONS = ['arithmetic', 'geometric'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const otherAggregation = (m: Aggregation): Aggregation => (m === 'arithmetic' ? 'geometric' : 'arithmetic');

/** The grains a score is computed for: the indicators of the scheme are reported monthly or coarser. */
export const SCORE_GRAINS = ['month', 'quarter', 'half', 'year'] as const satisfies readonly Grain[];

/** A normalised value is never below this, so that a geometric mean stays defined (UHC SCI: a 0 is set to 1). */
export const SCORE_FLOOR = 1;

/**
 * Goalposts (mốc chuẩn hóa) of an indicator:
 * - `target`: 0 at `min` (higher is better) or `max` (lower is better), 100 at the target in force
 *   for the unit and year (the rollup's), capped at 100; `without_target` is the goal used, and
 *   said, in a year no target covers (absent: the indicator is missing that year);
 * - `minmax`: 0 at the worst end, 100 at the best, by the indicator's direction, capped at 100.
 * `basis`: where the numbers come from (a document, or the reviewers' stated choice).
 */
export const goalpostsSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('target'),
      min: z.number().finite().optional(),
      max: z.number().finite().optional(),
      without_target: z.number().finite().optional(),
      basis: z.string().min(1),
    })
    .strict(),
  z
    .object({ type: z.literal('minmax'), min: z.number().finite(), max: z.number().finite(), basis: z.string().min(1) })
    .strict()
    .refine((g) => g.min < g.max, { message: 'min must be below max' }),
]);
export type Goalposts = z.output<typeof goalpostsSchema>;

export const elasticitySchema = z
  .object({
    /** A change of Δ points in `from`'s score changes `to`'s by coefficient × Δ (first order, in a what-if only). */
    from: code,
    to: code,
    coefficient: z.number().finite().min(-10).max(10),
    /** The study or document the coefficient comes from. */
    citation: z.string().min(1),
  })
  .strict();
export type Elasticity = z.output<typeof elasticitySchema>;

export const scoreSchemeSchema = z
  .object({
    name: localized,
    /** Across components by default; the user may choose the other. */
    method: z.enum(AGGREGATIONS),
    sensitivity: z
      .object({
        draws: z.number().int().refine((n) => n === 0 || (n >= 1000 && n <= 5000), '0, or from 1,000 to 5,000 draws'),
        /** Dirichlet concentration c: draws of weights w′ ~ Dirichlet(c·w). */
        concentration: z.number().positive(),
        /** Share of the draws scored with the other aggregation method. */
        other_method_share: z.number().min(0).max(1),
        seed: z.number().int().min(0).max(2 ** 32 - 1),
      })
      .strict(),
    components: z
      .array(
        z
          .object({
            component: code,
            name: localized,
            weight,
            indicators: z.array(z.object({ indicator: code, weight, goalposts: goalpostsSchema }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
    /** Effects across components in a what-if: none by default (zero), each with its citation. */
    elasticities: z.array(elasticitySchema).default([]),
  })
  .strict();
export type ScoreScheme = z.output<typeof scoreSchemeSchema>;
export type SchemeComponent = ScoreScheme['components'][number];
export type SchemeIndicator = SchemeComponent['indicators'][number];

/** Every problem of a scheme against the catalogue, as "path: message" lines; empty when it is sound. */
export function checkScoreScheme(document: unknown, catalogue: Catalogue): { scheme?: ScoreScheme; errors: string[] } {
  const result = scoreSchemeSchema.safeParse(document);
  if (!result.success) return { errors: result.error.issues.map((i) => `${i.path.join('.') || 'scheme'}: ${i.message}`) };
  const scheme = result.data;
  const errors: string[] = [];
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const components = new Set<string>();
  const listed = new Set<string>();
  for (const c of scheme.components) {
    const at = `components.${c.component}`;
    if (!(COMPONENTS as readonly string[]).includes(c.component)) errors.push(`${at}: no component "${c.component}" in the catalogue (${COMPONENTS.join(', ')})`);
    if (components.has(c.component)) errors.push(`${at}: the component is listed twice`);
    components.add(c.component);
    for (const s of c.indicators) {
      const where = `${at}.${s.indicator}`;
      const i = indicators.get(s.indicator);
      if (!i) {
        errors.push(`${where}: no indicator "${s.indicator}" in the catalogue`);
        continue;
      }
      if (listed.has(s.indicator)) errors.push(`${where}: the indicator is listed twice`);
      listed.add(s.indicator);
      if (components.has(s.indicator)) errors.push(`${where}: an indicator code must not also name a component`);
      if (i.component !== c.component) errors.push(`${where}: the catalogue puts ${s.indicator} in component ${i.component}`);
      if (i.direction === 'neutral') errors.push(`${where}: ${s.indicator} is neutral (neither higher nor lower is better), so it cannot be scored`);
      if (i.kind === 'level') errors.push(`${where}: ${s.indicator} is a level (a distribution over facilities), not a value to score`);
      errors.push(...goalpostFaults(s.goalposts, i).map((m) => `${where}.goalposts: ${m}`));
    }
  }
  const pairs = new Set<string>();
  for (const e of scheme.elasticities) {
    const where = `elasticities.${e.from}→${e.to}`;
    for (const end of [e.from, e.to]) if (!components.has(end)) errors.push(`${where}: "${end}" is not a component of the scheme`);
    if (e.from === e.to) errors.push(`${where}: an elasticity joins two different components`);
    if (pairs.has(`${e.from}→${e.to}`)) errors.push(`${where}: listed twice`);
    pairs.add(`${e.from}→${e.to}`);
  }
  return errors.length > 0 ? { errors } : { scheme, errors };
}

/** What is wrong with goalposts for an indicator's direction. */
export function goalpostFaults(g: Goalposts, indicator: Pick<Indicator, 'direction'>): string[] {
  if (g.type === 'minmax') return g.min < g.max ? [] : ['min must be below max'];
  const higher = indicator.direction !== 'lower_is_better';
  const floor = higher ? g.min : g.max;
  const faults: string[] = [];
  if (floor === undefined) faults.push(`a target goalpost of a ${higher ? 'higher' : 'lower'}-is-better indicator needs ${higher ? 'min' : 'max'} (the value that scores 0)`);
  if ((higher ? g.max : g.min) !== undefined) faults.push(`a target goalpost takes only ${higher ? 'min' : 'max'}: the target in force is the other end`);
  if (floor !== undefined && g.without_target !== undefined && (higher ? g.without_target <= floor : g.without_target >= floor))
    faults.push(`without_target must be ${higher ? 'above min' : 'below max'}`);
  return faults;
}

/** True when every component has the same weight and, within each, every indicator does. */
export function equalWeights(scheme: ScoreScheme): boolean {
  const same = (ws: number[]) => ws.every((w) => w === ws[0]);
  return same(scheme.components.map((c) => c.weight)) && scheme.components.every((c) => same(c.indicators.map((i) => i.weight)));
}

// ── The request ────────────────────────────────────────────────────────────────────────────

export const SCORES_LIMITS = { minDraws: 1000, draws: 5000, overrides: 20, elasticities: 20, citation: 300, weight: 1000, concentration: { min: 0.5, max: 1_000_000 } } as const;

/** A what-if: an indicator's value for one unit of the scored level, replaced before normalisation. */
export interface WhatIfSet {
  indicator: string;
  unit: string;
  value: number;
}

export interface ScoresRequest {
  level: string;
  parent?: string;
  /** One period (month, quarter, half or year); by default the last complete month. */
  period?: string;
  method: Aggregation;
  /** Weights the URL changes, by component or indicator code (w.<code>=…); 0 leaves it out. */
  weights: Record<string, number>;
  /** Goalposts the URL changes (g.<indicator>=minmax:MIN:MAX or target:FLOOR). */
  goalposts: Record<string, Goalposts>;
  set: WhatIfSet[];
  /** Elasticities the URL sets (el=FROM:TO:COEFFICIENT[:CITATION]), over the scheme's. */
  elasticities: { from: string; to: string; coefficient: number; citation?: string }[];
  draws: number;
  concentration: number;
  seed: number;
}

const ONE_VALUED = ['level', 'parent', 'period', 'method', 'draws', 'concentration', 'seed'] as const;

/** Reads GET /api/scores's query against the scheme: every fault names its parameter. */
export function scoresFromQuery(query: Record<string, unknown>, scheme: ScoreScheme, catalogue: Catalogue): { request?: ScoresRequest; errors: string[] } {
  const errors: string[] = [];
  const components = new Map(scheme.components.map((c) => [c.component, c]));
  const indicators = new Map(scheme.components.flatMap((c) => c.indicators.map((i) => [i.indicator, i] as const)));
  const texts = (k: string): string[] => {
    const v = query[k];
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : ''));
  };
  const one = (k: string): string | undefined => {
    const list = texts(k);
    if (list.length > 1) errors.push(`${k}: given ${list.length} times; give it once`);
    return list[0] === '' ? undefined : list[0];
  };
  const number = (k: string, text: string | undefined, check: (n: number) => string | null): number | undefined => {
    if (text === undefined) return undefined;
    const n = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
    const fault = Number.isFinite(n) ? check(n) : `"${text}" is not a number (digits, a decimal point)`;
    if (fault) errors.push(`${k}: ${fault}`);
    return fault ? undefined : n;
  };
  const request: ScoresRequest = {
    level: one('level') ?? 'area',
    method: scheme.method,
    weights: {},
    goalposts: {},
    set: [],
    elasticities: [],
    draws: scheme.sensitivity.draws,
    concentration: scheme.sensitivity.concentration,
    seed: scheme.sensitivity.seed,
  };
  const parent = one('parent');
  if (parent !== undefined) request.parent = parent;
  const period = one('period');
  if (period !== undefined) {
    const p = parsePeriod(period);
    if ('error' in p) errors.push(`period: ${p.error}`);
    else if (!(SCORE_GRAINS as readonly string[]).includes(p.grain)) errors.push(`period: "${period}" is a ${p.grain}; scores take one month, quarter, half-year or year (${PERIOD_FORMATS})`);
    else request.period = period;
  }
  const method = one('method');
  if (method !== undefined) {
    if ((AGGREGATIONS as readonly string[]).includes(method)) request.method = method as Aggregation;
    else errors.push(`method: "${method}" is not one of ${AGGREGATIONS.join(', ')}`);
  }
  const draws = number('draws', one('draws'), (n) =>
    Number.isInteger(n) && (n === 0 || (n >= SCORES_LIMITS.minDraws && n <= SCORES_LIMITS.draws)) ? null : `0 (no sensitivity analysis) or a whole number from ${SCORES_LIMITS.minDraws} to ${SCORES_LIMITS.draws}`,
  );
  if (draws !== undefined) request.draws = draws;
  const { min: cMin, max: cMax } = SCORES_LIMITS.concentration;
  const concentration = number('concentration', one('concentration'), (n) => (n >= cMin && n <= cMax ? null : `between ${cMin} and ${cMax}`));
  if (concentration !== undefined) request.concentration = concentration;
  const seed = number('seed', one('seed'), (n) => (Number.isInteger(n) && n >= 0 && n < 2 ** 32 ? null : 'a whole number from 0 to 4294967295'));
  if (seed !== undefined) request.seed = seed;

  for (const key of Object.keys(query)) {
    if ((ONE_VALUED as readonly string[]).includes(key) || key === 'set' || key === 'el') continue;
    const [prefix, name, ...rest] = key.split('.');
    if (prefix === 'w' && name && rest.length === 0) {
      if (!components.has(name) && !indicators.has(name)) errors.push(`${key}: no component or indicator "${name}" in the scoring scheme`);
      const w = number(key, one(key), (n) => (n >= 0 && n <= SCORES_LIMITS.weight ? null : `a weight from 0 to ${SCORES_LIMITS.weight}`));
      if (w !== undefined) request.weights[name] = w;
    } else if (prefix === 'g' && name && rest.length === 0) {
      const spec = indicators.get(name);
      if (!spec) {
        errors.push(`${key}: no indicator "${name}" in the scoring scheme`);
        continue;
      }
      const text = one(key) ?? '';
      const m = text.match(/^(minmax):(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$|^(target):(-?\d+(?:\.\d+)?)$/);
      if (!m) {
        errors.push(`${key}: "${text}" is neither minmax:MIN:MAX nor target:FLOOR`);
        continue;
      }
      const direction = catalogue.indicators.find((i) => i.code === name)?.direction ?? 'higher_is_better';
      const base = spec.goalposts;
      const floor = Number(m[5]);
      const g: Goalposts = m[1]
        ? { type: 'minmax', min: Number(m[2]), max: Number(m[3]), basis: 'set in the request' }
        : {
            type: 'target',
            ...(direction === 'lower_is_better' ? { max: floor } : { min: floor }),
            ...(base.type === 'target' && base.without_target !== undefined ? { without_target: base.without_target } : {}),
            basis: 'set in the request',
          };
      const faults = goalpostFaults(g, { direction });
      if (faults.length > 0) errors.push(`${key}: ${faults.join('; ')}`);
      else request.goalposts[name] = g;
    } else errors.push(`${key}: unknown parameter (level, parent, period, method, w.<code>, g.<indicator>, set, el, draws, concentration, seed)`);
  }

  if (scheme.components.every((c) => (request.weights[c.component] ?? c.weight) === 0))
    errors.push(`w.${scheme.components[0]!.component}: every component would weigh 0; keep at least one above 0`);

  const sets = texts('set');
  if (sets.length > SCORES_LIMITS.overrides) errors.push(`set: at most ${SCORES_LIMITS.overrides} what-if values in one request, got ${sets.length}`);
  else
    for (const s of sets) {
      const m = s.match(/^([a-z][a-z0-9_]*):([^:\s]+):(-?\d+(?:\.\d+)?)$/);
      if (!m) errors.push(`set: "${s}" is not INDICATOR:UNIT:VALUE (e.g. cashless_payment_rate:585:50)`);
      else if (!indicators.has(m[1]!)) errors.push(`set: no indicator "${m[1]}" in the scoring scheme`);
      else if (request.set.some((x) => x.indicator === m[1] && x.unit === m[2])) errors.push(`set: ${m[1]} of ${m[2]} is set twice`);
      else request.set.push({ indicator: m[1]!, unit: m[2]!, value: Number(m[3]) });
    }
  const els = texts('el');
  if (els.length > SCORES_LIMITS.elasticities) errors.push(`el: at most ${SCORES_LIMITS.elasticities} elasticities, got ${els.length}`);
  else
    for (const s of els) {
      // The citation is the rest after the coefficient (it may hold colons): where the coefficient comes from.
      const m = s.match(/^([a-z_]+):([a-z_]+):(-?\d+(?:\.\d+)?)(?::([\s\S]*))?$/);
      const citation = m?.[4]?.trim();
      if (!m) errors.push(`el: "${s}" is not FROM:TO:COEFFICIENT[:CITATION] (components, e.g. information:financing:0.2:a study)`);
      else if (!components.has(m[1]!) || !components.has(m[2]!) || m[1] === m[2]) errors.push(`el: "${s}" must join two different components of the scheme`);
      else if (Math.abs(Number(m[3])) > 10) errors.push(`el: the coefficient of "${s}" must lie between -10 and 10`);
      else if (citation && citation.length > SCORES_LIMITS.citation) errors.push(`el: the citation of ${m[1]}:${m[2]} is longer than ${SCORES_LIMITS.citation} characters`);
      else if (request.elasticities.some((e) => e.from === m[1] && e.to === m[2])) errors.push(`el: ${m[1]}:${m[2]} is set twice`);
      else request.elasticities.push({ from: m[1]!, to: m[2]!, coefficient: Number(m[3]), ...(citation ? { citation } : {}) });
    }
  return errors.length > 0 ? { errors } : { request, errors };
}

// ── The answer ─────────────────────────────────────────────────────────────────────────────

export type MissingReason = 'not_in_grain' | 'not_at_level' | 'no_figure' | 'no_value' | 'no_target' | 'bad_goalposts';

export interface Missing {
  indicator: string;
  reason: MissingReason;
  message: { vi: string; en: string };
}

export interface ScoredIndicator {
  indicator: string;
  name: { vi: string; en: string };
  /** The weight in force (the URL's or the scheme's), and its share of the component for this unit (renormalised over the indicators present). */
  weight: number;
  share: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: { value: number; source: string } | null;
  /** The goalposts applied: 0 at `worst`, 100 at `best`; from the scheme's min/max, the target in force, or without_target. */
  goalposts: { worst: number; best: number; from: 'minmax' | 'target' | 'without_target' } | null;
  normalised: number | null;
  /** Set when a what-if replaced this value (the figures above stay the rollup's). */
  whatIf?: { value: number; normalised: number | null };
  missing?: Missing;
}

export interface ScoredComponent {
  component: string;
  name: { vi: string; en: string };
  weight: number;
  /** Its share of the total for this unit (renormalised over the components present). */
  share: number | null;
  score: number | null;
  indicators: ScoredIndicator[];
  missing: Missing[];
}

export interface ScoredUnit {
  code: string;
  name: string;
  former?: true;
  components: ScoredComponent[];
  /** Components with no indicator present: left out of the total, whose weights are renormalised over the rest. */
  missingComponents: string[];
  complete: boolean;
  total: number | null;
  rank: number | null;
  /** Sensitivity: the median rank over the draws, and the 5th–95th percentile ranks. */
  medianRank?: number | null;
  rankInterval?: [number, number] | null;
}

export interface WhatIfUnit {
  code: string;
  name: string;
  before: { components: Record<string, number | null>; total: number | null; rank: number | null };
  after: { components: Record<string, number | null>; total: number | null; rank: number | null };
  /** Points added to a component through elasticities (first order). */
  indirect: Record<string, number>;
  changed: boolean;
}

export interface ScoresAnswer {
  request: ScoresRequest & { period: string };
  period: { grain: Grain; start: string; end: string; label: string };
  scheme: {
    name: { vi: string; en: string };
    method: Aggregation;
    defaultMethod: Aggregation;
    /** The scheme's own weights are equal (the default), and the sentence that says so. */
    equalByDefault: boolean;
    weightsNote: { vi: string; en: string };
    /** The URL changed a weight, goalpost or the method. */
    changed: boolean;
    components: {
      component: string;
      name: { vi: string; en: string };
      weight: number;
      defaultWeight: number;
      indicators: { indicator: string; name: { vi: string; en: string }; direction: string; weight: number; defaultWeight: number; goalposts: Goalposts }[];
    }[];
    formula: { vi: string; en: string };
  };
  units: ScoredUnit[];
  sensitivity: {
    draws: number;
    concentration: number;
    seed: number;
    otherMethodShare: number;
    method: { vi: string; en: string };
  } | null;
  whatIf: {
    sets: (WhatIfSet & { name: string; was: number | null })[];
    elasticities: (Elasticity | { from: string; to: string; coefficient: number; citation: null })[];
    /** 'not_modelled': no elasticity in force, so only the components holding the changed indicators move. */
    otherComponents: 'not_modelled' | 'elasticities';
    notes: { vi: string; en: string }[];
    units: WhatIfUnit[];
  } | null;
  /** Sentences about the whole answer (missing everywhere, the level the what-if applies at, …). */
  notes: { vi: string; en: string }[];
  demo: boolean;
}
