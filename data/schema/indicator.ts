/**
 * The indicator catalogue as data: what each indicator measures, how it aggregates, its
 * calculation guide and its targets. Pure (zod, no I/O), shared by server and client.
 */
import { z } from 'zod';
import { FACILITY_KINDS, type ReportingRule } from './pack.ts';
import { GRAINS } from './period.ts';

const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();

/** QĐ 828 components of the health system, in the order the wall shows them. */
export const COMPONENTS = [
  'service_delivery',
  'workforce',
  'infrastructure',
  'immunisation',
  'surveillance',
  'information',
  'financing',
  'administration',
] as const;
export type Component = (typeof COMPONENTS)[number];

/**
 * How figures combine over units and over time:
 * count: summed; ratio: Σnumerator ÷ Σdenominator × factor (never a mean of rates);
 * stock: the last value in the period, summed over units; level: an ordinal per facility,
 * shown as a distribution with min and max.
 */
export const KINDS = ['count', 'ratio', 'stock', 'level'] as const;
export type IndicatorKind = (typeof KINDS)[number];

/** For a ratio: its numerator and denominator are flows summed over time, or stocks taken at the period's end. */
export const OVER_TIME = ['sum', 'last'] as const;

export const DIRECTIONS = ['higher_is_better', 'lower_is_better', 'neutral'] as const;

/**
 * Whom a target applies to, least specific first: the nation (a decision of the Ministry, every
 * pack), the province (its own plans), a facility kind, one unit. The most specific that covers a
 * year wins.
 */
const targetScope = z.union([
  z.object({ nation: z.literal(true) }).strict(),
  z.object({ province: z.literal(true) }).strict(),
  z.object({ facility_kind: z.enum(FACILITY_KINDS) }).strict(),
  z.object({ unit: z.string().min(1) }).strict(),
]);

const targetFields = {
  scope: targetScope,
  /** The years it is in force (both included); outside them it judges nothing and no chart draws it. */
  from_year: z.number().int().min(2000),
  to_year: z.number().int().min(2000),
  /** Met when value ≥ target for higher-is-better indicators, ≤ for lower-is-better. */
  value: z.number(),
  /** The document that set it (số hiệu, ngày), and where in it. */
  source: z.string().min(1),
};
const yearsInOrder = (t: { from_year: number; to_year: number }) => t.to_year >= t.from_year;

export const targetSchema = z.object(targetFields).strict().refine(yearsInOrder, { message: 'to_year is before from_year' });

/** A targets file (data/catalogue/targets.yaml for the nation, data/packs/<id>/targets.yaml for a province). */
export const targetsFileSchema = z
  .object({
    targets: z.array(
      z
        .object({ indicator: z.string().regex(/^[a-z][a-z0-9_]*$/), ...targetFields })
        .strict()
        .refine(yearsInOrder, { message: 'to_year is before from_year' }),
    ),
  })
  .strict();
export type TargetsFile = z.output<typeof targetsFileSchema>;

export const indicatorSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'),
    name: localized,
    short_name: localized,
    component: z.enum(COMPONENTS),
    kind: z.enum(KINDS),
    over_time: z.enum(OVER_TIME).optional(),
    factor: z.number().positive(),
    unit: localized,
    direction: z.enum(DIRECTIONS),
    /** Ratios where the numerator counts a part of the denominator (coverage, shares): numerator > denominator is rejected. */
    part_of_whole: z.boolean().default(false),
    level_scale: z.object({ min: z.number().int(), max: z.number().int() }).strict().optional(),
    /** Words for the levels of level_scale, lowest first, where a document names them rather than numbers them ("Cơ bản", "Nâng cao"). */
    level_labels: z.array(localized).min(1).optional(),
    reported_by: z.array(z.enum(['unit', ...FACILITY_KINDS])).min(1),
    /**
     * Who must send a report every period (completeness); by default the facility kinds in
     * reported_by, else the units. Empty: no one owes one (figures that come from surveys).
     */
    expected_from: z.array(z.enum(['unit', ...FACILITY_KINDS])).optional(),
    /**
     * Counted once: the reporters in reported_by whose figure is the total of their unit (what is
     * reported under it included), not their own. A unit's own figure always is (so `unit` is
     * listed whenever units report); by default only it. A total counts only where nothing under
     * it is stored for its days; otherwise the parts count and it is kept as a check (totalsOf).
     */
    totals: z.array(z.enum(['unit', ...FACILITY_KINDS])).optional(),
    /** The level whose units report it, when units do: the pack's lowest level (communes) by default. */
    reporting_level: z.string().min(1).optional(),
    frequency: z.enum(GRAINS),
    /** Days after the period's end by which a report is due, where a document sets them for this indicator; the pack's reporting.due_days otherwise. */
    deadline_days: z.number().int().min(0).optional(),
    /** The document that sets deadline_days (số hiệu, điều): a deadline is never stated without one. */
    deadline_source: localized.optional(),
    source_system: localized,
    subgroups: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(1)).min(1)).default({}),
    guide: z
      .object({
        definition: localized,
        numerator: localized.optional(),
        denominator: localized.optional(),
        disaggregation: localized,
      })
      .strict(),
    /**
     * The epidemic threshold of its weekly counts (server/surveillance/thresholds.ts): the endemic
     * channel, mean + k·SD of the same ISO weeks (± window) in the previous `years` years, on
     * log(count + 1) when `log`; EARS (`fallback`, at one-sided `alpha`) for units without those years.
     */
    alert: z
      .object({
        method: z.literal('endemic_channel'),
        log: z.boolean(),
        k: z.number().positive(),
        years: z.number().int().min(1).max(5),
        window: z.number().int().min(0).max(4),
        fallback: z.enum(['ears_c1', 'ears_c2', 'ears_c3']),
        alpha: z.number().gt(0).lt(0.5),
      })
      .strict()
      .optional(),
    /** Filled from the targets files when the catalogue is loaded with its pack (load-targets.ts). */
    targets: z.array(targetSchema).default([]),
  })
  .strict()
  .superRefine((i, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (i.kind === 'ratio') {
      if (!i.over_time) issue('a ratio needs over_time (sum or last)');
      if (!i.guide.numerator || !i.guide.denominator) issue('a ratio needs guide.numerator and guide.denominator');
    } else if (i.over_time || i.part_of_whole) issue('over_time and part_of_whole apply to ratios only');
    if ((i.kind === 'level') !== (i.level_scale !== undefined)) issue('level_scale goes with kind level, and only with it');
    if (i.level_labels && i.kind !== 'level') issue('level_labels go with kind level, and only with it');
    if (i.level_labels && i.level_scale && i.level_labels.length !== i.level_scale.max - i.level_scale.min + 1)
      issue(`level_labels needs one label per level of level_scale (${i.level_scale.max - i.level_scale.min + 1}), not ${i.level_labels.length}`);
    if (i.expected_from?.some((r) => !i.reported_by.includes(r))) issue('expected_from must be among reported_by');
    if (i.totals?.some((r) => !i.reported_by.includes(r))) issue('totals must be among reported_by');
    if (i.totals && i.reported_by.includes('unit') && !i.totals.includes('unit')) issue("totals must list unit: a unit's own figure is the total of what is under it");
    if (i.totals && i.kind === 'level') issue('a level is one facility’s own, never a total: totals do not apply');
    if ((i.deadline_days === undefined) !== (i.deadline_source === undefined)) issue('deadline_days goes with deadline_source, the document that sets it');
  });

export type Indicator = z.output<typeof indicatorSchema>;
export type Reporter = Indicator['reported_by'][number];

/** Days after a period's end by which an indicator's report is due, and the document (or setting) that says so. */
export function deadline(i: Indicator, rule: ReportingRule): { days: number; source: { vi: string; en: string } } {
  return i.deadline_days !== undefined && i.deadline_source
    ? { days: i.deadline_days, source: i.deadline_source }
    : { days: rule.due_days[i.frequency], source: rule.source };
}

export const deadlineDays = (i: Indicator, rule: ReportingRule): number => deadline(i, rule).days;

/** The grain a single figure of an indicator is shown in (its guide's example): a month, or its own grain when coarser. */
export const exampleGrain = (i: Indicator): (typeof GRAINS)[number] => (['quarter', 'half', 'year'].includes(i.frequency) ? i.frequency : 'month');

/** How a level is written where the catalogue names its levels (level_labels); undefined where it numbers them. */
export function levelLabel(i: Pick<Indicator, 'level_scale' | 'level_labels'>, value: number | null): { vi: string; en: string } | undefined {
  if (value === null || !i.level_scale || !i.level_labels) return undefined;
  return i.level_labels[value - i.level_scale.min];
}

/** The reporters whose figure is a total of their unit (totals, by default the unit itself); none for levels. */
export function totalsOf(i: Indicator): Reporter[] {
  if (i.kind === 'level') return [];
  return i.totals ?? (i.reported_by.includes('unit') ? ['unit'] : []);
}

/** Who must report each period: expected_from, else the facility kinds that report it, else the units. */
export function expectedReporters(i: Indicator): Reporter[] {
  if (i.expected_from) return i.expected_from;
  const kinds = i.reported_by.filter((r) => r !== 'unit');
  return kinds.length > 0 ? kinds : ['unit'];
}
export type Target = z.output<typeof targetSchema>;

export const catalogueSchema = z
  .object({ indicators: z.array(indicatorSchema).min(1) })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const i of c.indicators) {
      if (seen.has(i.code)) ctx.addIssue({ code: 'custom', message: `indicator ${i.code} is listed twice` });
      seen.add(i.code);
    }
  });

export type Catalogue = z.output<typeof catalogueSchema>;

/** What a catalogue says of a pack that the pack does not have: reporting levels it lacks. */
export function checkCatalogueAgainstLevels(catalogue: Catalogue, levels: string[]): string[] {
  return catalogue.indicators
    .filter((i) => i.reporting_level !== undefined && !levels.includes(i.reporting_level))
    .map((i) => `${i.code}.reporting_level: "${i.reporting_level}" is not a level of the pack (${levels.join(', ')})`);
}

/** Every problem of a parsed catalogue document, as "path: message" lines; empty when it is sound. */
export function checkCatalogue(document: unknown): { catalogue?: Catalogue; errors: string[] } {
  const result = catalogueSchema.safeParse(document);
  if (result.success) return { catalogue: result.data, errors: [] };
  return {
    errors: result.error.issues.map((issue) => {
      const path = issue.path
        .map((p, i) => (i === 1 && typeof p === 'number' ? `[${(document as Catalogue).indicators[p]?.code ?? p}]` : String(p)))
        .join('.');
      return `${path}: ${issue.message}`;
    }),
  };
}
