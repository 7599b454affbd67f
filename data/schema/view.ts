/**
 * A view: what a screen asks for. Indicators × one level of units (or facilities), optionally
 * under one unit or for one facility kind × period buckets of one grain over a range, and an
 * optional subgroup. Declared as data and checked here (pure), shared by server and client; the
 * server compiles it to SQL, the client never sends SQL.
 */
import { z } from 'zod';
import { FACILITY_KINDS } from './pack.ts';
import { GRAINS, formatPeriod, parsePeriod, periodEnd, periodOf, type Grain, type Period } from './period.ts';

/** A calendar grain, or `range`: the whole from–to span (days) as one bucket, e.g. "the last 30 days". */
export const VIEW_GRAINS = [...GRAINS, 'range'] as const;
export type ViewGrain = (typeof VIEW_GRAINS)[number];

export const FACILITY_LEVEL = 'facility';

export const viewSchema = z
  .object({
    indicators: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1).max(40),
    /** A level of the pack (province, area, commune) or "facility". */
    level: z.string().min(1),
    /** Only units or facilities whose figures roll up to this unit (by code). */
    parent: z.string().min(1).optional(),
    facilityKind: z.enum(FACILITY_KINDS).optional(),
    grain: z.enum(VIEW_GRAINS),
    /** Periods in the notation of the grain (2025-01 for months; dates for day and range)… */
    from: z.string().optional(),
    to: z.string().optional(),
    /** …or the last N buckets up to `to` (default: the bucket holding today). */
    last: z.number().int().min(1).max(1000).optional(),
    subgroup: z.string().regex(/^[a-z_]+:[^\s]+$/).optional(),
    /** Keep the N best or worst entities of each bucket (by rank). */
    order: z.enum(['best', 'worst']).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .refine((v) => (v.from === undefined) !== (v.last === undefined), { message: 'give either from (and to) or last' })
  .refine((v) => v.limit === undefined || v.order !== undefined, { message: 'limit goes with order (best or worst)' });

export type View = z.output<typeof viewSchema>;

/** Builds a view from URL query parameters (strings): indicators=a,b&level=area&grain=month&last=12. */
export function viewFromQuery(query: Record<string, unknown>): { view?: View; errors: string[] } {
  const text = (k: string) => (typeof query[k] === 'string' && query[k] !== '' ? (query[k] as string) : undefined);
  const num = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  const unknown = Object.keys(query).filter((k) => !(k in viewSchema.shape) && k !== 'kind');
  const candidate = {
    indicators: text('indicators')?.split(',').map((s) => s.trim()),
    level: text('level'),
    parent: text('parent'),
    facilityKind: text('facilityKind') ?? text('kind'),
    grain: text('grain'),
    from: text('from'),
    to: text('to'),
    last: num('last'),
    subgroup: text('subgroup'),
    order: text('order'),
    limit: num('limit'),
  };
  const result = viewSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  const errors = unknown.map((k) => `unknown parameter "${k}"`);
  if (!result.success) errors.push(...result.error.issues.map((i) => `${i.path.join('.') || 'view'}: ${i.message}`));
  return errors.length === 0 ? { view: result.data, errors } : { errors };
}

export interface Range {
  /** First day of the first bucket and last day of the last, YYYY-MM-DD. */
  from: string;
  to: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The longest span a view may cover, by grain, so that every request's work is bounded before
 * it starts: 3 years of days, 10 years of weeks, 50 years of months and coarser; a range (one
 * bucket) at most 10 years of days.
 */
export const SPAN_CAPS: Record<ViewGrain, { buckets: number; words: string }> = {
  day: { buckets: 1096, words: '3 years of days' },
  week: { buckets: 522, words: '10 years of weeks' },
  month: { buckets: 600, words: '50 years of months' },
  quarter: { buckets: 200, words: '50 years of quarters' },
  half: { buckets: 100, words: '50 years of halves' },
  year: { buckets: 50, words: '50 years' },
  range: { buckets: 3653, words: '10 years of days' },
};

const MONTHS_IN: Partial<Record<Grain, number>> = { month: 1, quarter: 3, half: 6, year: 12 };

/** Buckets of a grain between two first days (inclusive). */
function bucketsBetween(grain: ViewGrain, from: string, to: string): number {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  if (grain === 'day' || grain === 'range') return days + 1;
  if (grain === 'week') return Math.floor(days / 7) + 1;
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return Math.floor(months / MONTHS_IN[grain]!) + 1;
}

/** Buckets a resolved range holds at a grain (a range view is one). */
export function bucketCount(grain: ViewGrain, range: Range): number {
  return grain === 'range' ? 1 : bucketsBetween(grain, range.from, range.to);
}

/** Why a span is too long for its grain, or null. */
export function spanFault(grain: ViewGrain, from: string, lastStart: string): string | null {
  const cap = SPAN_CAPS[grain];
  return bucketsBetween(grain, from, lastStart) > cap.buckets ? `the span is too long: a view covers at most ${cap.words} (${cap.buckets} ${grain === 'range' ? 'days' : 'buckets'})` : null;
}

/**
 * The most figures (indicator × entity × bucket, the year before included) one view may hold:
 * a screen needs a few thousand; past this the view is refused before it runs, and asked to narrow.
 */
export const ANSWER_CAP = 20_000;

/** The days a view covers, resolved against today (in the pack's time zone), or why it cannot. */
export function resolveRange(view: View, today: string): Range | { error: string } {
  if (view.grain === 'range') {
    const to = view.to ?? today;
    const from = view.from ?? addDays(to, -(view.last! - 1));
    for (const d of [from, to]) {
      const p = parsePeriod(d);
      if ('error' in p || p.grain !== 'day') return { error: `a range view takes dates, got "${d}"` };
    }
    if (from > to) return { error: `from ${from} is after to ${to}` };
    const fault = spanFault('range', from, to);
    return fault ? { error: fault } : { from, to };
  }
  const grain: Grain = view.grain;
  const at = (text: string, name: string): Period | { error: string } => {
    const p = parsePeriod(text);
    if ('error' in p) return { error: `${name}: ${p.error}` };
    return p.grain === grain ? p : { error: `${name}: "${text}" is a ${p.grain}, the view's grain is ${grain}` };
  };
  const to = view.to === undefined ? periodOf(grain, today) : at(view.to, 'to');
  if ('error' in to) return to;
  let from: Period | { error: string };
  if (view.from !== undefined) from = at(view.from, 'from');
  else {
    // Stepping back bucket by bucket is bounded by the cap on `last` (viewSchema).
    from = to;
    for (let i = 1; i < view.last!; i++) from = periodOf(grain, addDays(from.start, -1));
  }
  if ('error' in from) return from;
  if (from.start > to.start) return { error: `from ${formatPeriod(from)} is after to ${formatPeriod(to)}` };
  const fault = spanFault(grain, from.start, to.start);
  return fault ? { error: fault } : { from: from.start, to: periodEnd(to) };
}

export type Status = 'met' | 'near' | 'below';

/** The words of each status, the same on every screen, in the attention list and on paper (messages.ts reads them). */
export const STATUS_WORDS: Record<Status, { vi: string; en: string }> = {
  met: { vi: 'Đạt', en: 'Met' },
  near: { vi: 'Gần đạt', en: 'Near' },
  below: { vi: 'Chưa đạt', en: 'Below' },
};

/**
 * What a figure is, beside its value: `final` once its period is closed (the due date of its
 * reports has passed) and enough of its reporters are in; `provisional` (tạm tính) while reports
 * may still come; `partial` when the period is closed but too few reporters sent figures. Only a
 * final figure gets a status and a rank (present-rows.ts decides, every screen shows).
 */
export type Finality = 'final' | 'provisional' | 'partial';

/** Who of those that owe a figure sent one, under the entity and within the bucket. */
export interface Coverage {
  /** Units of a level (its id), or facilities. */
  reporters: { level: string } | { facilities: true };
  expected: number;
  /** Sent a figure that counts: for a ratio, with its counts (a rate alone is shown apart, not added). */
  reported: number;
  /** Share (0–1) of the expected units' people that the reporting units hold, where every one has a population. */
  population: number | null;
  /** In a province merged from others: the former provinces the figure covers, when it covers only some of them. */
  formerOnly: string[] | null;
}

/** One row of a view's answer: an indicator for one entity in one bucket. */
export interface RollupRow {
  indicator: string;
  /** `former`: a unit of the former era that the crosswalk places on no unit of today's map. */
  entity: { code: string; name: string; facilityKind: string | null; former?: true };
  period: { grain: ViewGrain; start: string; end: string; label: string };
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Figures that went into it, and (ratios) those reported as a rate without counts and left out. */
  facts: number;
  uncounted: number;
  /** Levels: how many facilities stand at each level, and the lowest and highest. */
  distribution: Record<string, number> | null;
  min: number | null;
  max: number | null;
  target: { value: number; source: string } | null;
  /** Null unless the figure is final. */
  status: Status | null;
  finality: Finality;
  /** The last day the period's reports are due (the indicator's frequency and the pack's rule; for a span of days, from its last day). */
  due: string;
  /** Null where no one owes the figure (surveys) or it is a facility's own. */
  coverage: Coverage | null;
  /** Against the previous bucket and the same bucket a year before, only where both figures are final. */
  change: { previous: number | null; lastYear: number | null };
  /** Among the final figures of the bucket (1 = best; ties share a rank); null for a figure that is not final. */
  rank: number | null;
  /** How many final figures the bucket has. */
  siblings: number;
  /** True when any demo figure went into it. */
  demo: boolean;
}

/** The ranked first, best first; figures that are not final after them (unranked), in the answer's order. */
export const byRank = (a: RollupRow, b: RollupRow): number => (a.rank === b.rank ? 0 : a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank);

export interface RollupAnswer {
  view: View;
  range: Range;
  rows: RollupRow[];
}
