/**
 * Compiles a view into one DuckDB statement. Pure: the view, the days it covers and the
 * reference ids in, `{ sql, params, errors }` out; every value is a bound parameter.
 *
 * The rules it encodes:
 * - Buckets: a fact counts in the bucket of its grain holding its anchor day (its first day;
 *   a week's Thursday, as ISO does), only when its grain is no coarser than the bucket's, so
 *   every fact lands in exactly one bucket of each grain and months add up to years.
 * - Entities: a unit level groups facts by the unit they roll up to at that depth
 *   (unit_ancestors); the facility level groups facility-reported facts by facility.
 *   `parent` keeps the facts that roll up to that unit.
 * - Aggregation by kind: count = Σvalue; ratio = Σnumerator ÷ Σdenominator × factor, never a
 *   mean of rates (a rate reported without counts stands only where it is the single figure);
 *   stock = each series' last value in the bucket, summed; level = each series' last value,
 *   as a distribution with min and max. Ratios with over_time = last also take each series'
 *   last figure; a series of a unit the reorganisation replaced stops counting in buckets that
 *   reach past the reorganisation (its successors' series carry on).
 * The statement returns every bucket from a year before the range, so that present-rows.ts
 * can add the change against the previous bucket and last year, targets and ranks.
 */
import type { Target } from '../../data/schema/indicator.ts';
import type { FacilityKind, ReportingRule } from '../../data/schema/pack.ts';
import { ANSWER_CAP, bucketCount, FACILITY_LEVEL, type Range, type View } from '../../data/schema/view.ts';

export interface IndicatorRef {
  id: number;
  kind: 'count' | 'ratio' | 'stock' | 'level';
  overTime: 'sum' | 'last' | null;
  factor: number;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  /** The subgroup dimension a total adds up over when figures come only disaggregated ('sex'). */
  totalDimension: string | null;
  targets: Target[];
  /** Who owes a figure each period: the units at a depth, or facilities of some kinds; null for surveys (no one). */
  owed: { depth: number } | { kinds: FacilityKind[] } | null;
  /** Days after a period's end by which its reports are due. */
  dueDays: number;
}

/** What a row's entity is: a unit or a facility, by its id in the store. */
export interface EntityRef {
  code: string;
  name: string;
  facilityKind: FacilityKind | null;
  /** The unit itself, or the facility's unit. */
  unitCode: string;
  /** A former-era unit the crosswalk does not place: it stands for itself in views. */
  former?: true;
}

export interface RollupReference {
  /** The pack's level ids, top first: index = depth. */
  levels: string[];
  /** From this day the former era's units are replaced by today's (pack reorganisation). */
  reorganisedOn: string;
  indicators: Map<string, IndicatorRef>;
  /** Today's units by code, with what lies under each: units at each depth (itself at its own) and facilities. */
  units: Map<string, { id: number; depth: number; under: number[]; facilities: number }>;
  /** Today's units, and former ones the crosswalk leaves unplaced (views of their periods show them as such). */
  unitsById: Map<number, EntityRef>;
  facilitiesById: Map<number, EntityRef>;
  /** When a period is due and complete enough (the pack's rule). */
  reporting: ReportingRule;
  /** Today's units: their ids by depth, top first (ancestors[d] = the unit's ancestor at depth d, itself at its own). */
  ancestors: Map<number, number[]>;
  /** Facilities: their unit's id and kind. */
  facilityUnits: Map<number, { unitId: number; kind: FacilityKind }>;
  /** Today's units' people (the latest year the pack gives). */
  population: Map<number, number>;
  /** A province merged from former ones: their names, and which of them each of today's units holds land of. */
  formerProvinces: { names: string[]; of: Map<number, Set<number>> } | null;
}

export interface CompiledView {
  sql: string;
  params: (string | number | boolean)[];
  errors: string[];
}

/** DuckDB interval of one bucket, and of "the same bucket a year before". */
export const STEP: Record<string, { previous: string; lastYear: string }> = {
  day: { previous: 'INTERVAL 1 DAY', lastYear: 'INTERVAL 1 YEAR' },
  week: { previous: 'INTERVAL 7 DAY', lastYear: 'INTERVAL 364 DAY' },
  month: { previous: 'INTERVAL 1 MONTH', lastYear: 'INTERVAL 1 YEAR' },
  quarter: { previous: 'INTERVAL 3 MONTH', lastYear: 'INTERVAL 1 YEAR' },
  half: { previous: 'INTERVAL 6 MONTH', lastYear: 'INTERVAL 1 YEAR' },
  year: { previous: 'INTERVAL 1 YEAR', lastYear: 'INTERVAL 1 YEAR' },
};

/** The bucket (its first day) of a fact of a calendar grain, from its anchor day. */
export function bucketOf(grain: string): string {
  const anchor = `CASE WHEN f.grain = 'week' THEN f.period_start + 3 ELSE f.period_start END`;
  switch (grain) {
    case 'day':
      return 'f.period_start';
    case 'half':
      return `make_date(year(${anchor}), CASE WHEN month(${anchor}) <= 6 THEN 1 ELSE 7 END, 1)`;
    default:
      return `date_trunc('${grain}', ${anchor})::DATE`;
  }
}

/**
 * The most figures a view could hold (its span, the bucket before and the same span a year
 * before), known before it runs. An unknown level or parent counts as none or the whole province:
 * compileView refuses those anyway.
 */
export function viewSize(view: View, range: Range, ref: RollupReference): number {
  const top = [...ref.units.values()].find((u) => u.depth === 0)!;
  const within = (view.parent === undefined ? undefined : ref.units.get(view.parent)) ?? top;
  const entities = view.level === FACILITY_LEVEL ? within.facilities : (within.under[ref.levels.indexOf(view.level)] ?? 0);
  return view.indicators.length * entities * (2 * bucketCount(view.grain, range) + 1);
}

/** Why figures past the cap are refused before they are computed, or null. */
export function sizeFault(size: number): string | null {
  return size > ANSWER_CAP
    ? `the view could hold ${size.toLocaleString('en')} figures, more than ${ANSWER_CAP.toLocaleString('en')} figures: narrow it (a parent unit, fewer indicators, a shorter span)`
    : null;
}

export function compileView(view: View, range: Range, ref: RollupReference): CompiledView {
  const errors: string[] = [];
  const params: (string | number | boolean)[] = [];
  const param = (v: string | number | boolean) => {
    params.push(v);
    return `$${params.length}`;
  };

  const indicators = view.indicators.map((code) => {
    const i = ref.indicators.get(code);
    if (!i) errors.push(`unknown indicator "${code}"`);
    return i;
  });
  const isFacilityLevel = view.level === FACILITY_LEVEL;
  const depth = ref.levels.indexOf(view.level);
  if (!isFacilityLevel && depth < 0) errors.push(`unknown level "${view.level}" (levels: ${[...ref.levels, FACILITY_LEVEL].join(', ')})`);
  const parent = view.parent === undefined ? undefined : ref.units.get(view.parent);
  if (view.parent !== undefined && !parent) errors.push(`unknown parent unit "${view.parent}"`);
  if (parent && !isFacilityLevel && parent.depth >= depth) errors.push(`parent ${view.parent} is not above the level ${view.level}`);
  if (errors.length > 0) return { sql: '', params: [], errors };

  const tooLarge = sizeFault(viewSize(view, range, ref));
  if (tooLarge) return { sql: '', params: [], errors: [tooLarge] };

  const known = indicators as IndicatorRef[];
  const lastIds = known.filter((i) => i.kind === 'stock' || i.kind === 'level' || i.overTime === 'last').map((i) => i.id);
  const grain = view.grain;
  const step = STEP[grain === 'range' ? 'day' : grain]!;
  const span = grain === 'range' ? `INTERVAL ${daysIn(range)} DAY` : null;
  const previous = span ?? step.previous;
  const lastYear = grain === 'range' ? 'INTERVAL 1 YEAR' : step.lastYear;

  // Facts from a year before the range (for the year-on-year change) to its end; a week may
  // start up to 3 days before the bucket its Thursday falls in.
  const scanFrom = param(range.from);
  const scanTo = param(range.to);
  const entity = isFacilityLevel ? 'f.facility_id' : 'g.ancestor_id';
  const joins = [
    isFacilityLevel ? '' : `JOIN unit_ancestors g ON g.unit_id = f.unit_id AND g.depth = ${param(depth)}`,
    parent ? `JOIN unit_ancestors p ON p.unit_id = f.unit_id AND p.depth = ${param(parent.depth)} AND p.ancestor_id = ${param(parent.id)}` : '',
  ].join('\n    ');
  // Every placeholder made must appear in the statement (DuckDB refuses unused ones), so the
  // totals' parameters are made only when the view asks for the total.
  const totals = () =>
    known
      .filter((i) => i.totalDimension)
      .map((i) => ` OR (f.indicator_id = ${param(i.id)} AND f.subgroup LIKE ${param(`${i.totalDimension}:%`)})`)
      .join('');
  const subgroupFilter = view.subgroup !== undefined ? `f.subgroup = ${param(view.subgroup)}` : `(f.subgroup = ''${totals()})`;
  // Cast: compared with text, an ENUM compares alphabetically ('month' > 'half').
  const grainFilter = grain === 'range' ? `f.period_end - f.period_start < ${param(daysIn(range))}` : `f.grain <= ${param(grain)}::grain`;
  // Indicators whose series contribute only their last figure in a bucket (NOT IN over an empty list is NULL, so spell it out).
  const lastList = lastIds.map((id) => param(id)).join(', ');
  const takesLast = lastIds.length > 0 ? `indicator_id IN (${lastList})` : 'false';

  // Two windows: the range with the bucket before it, and the same span a year earlier (for
  // the changes); a week may start 3 days before the bucket its Thursday falls in.
  const window = (shift: string) =>
    grain === 'range'
      ? `(f.period_start >= ${scanFrom}::DATE - ${shift} - ${previous} AND f.period_end <= ${scanTo}::DATE - ${shift})`
      : `(f.period_start >= ${scanFrom}::DATE - ${shift} - ${previous} - INTERVAL 3 DAY AND f.period_start <= ${scanTo}::DATE - ${shift})`;
  const rangeKeep = `(${window('INTERVAL 0 DAY')} OR ${window(lastYear)})`;
  const rangeBuckets =
    grain !== 'range'
      ? bucketOf(grain)
      : 
`CASE WHEN f.period_start >= ${scanFrom}::DATE THEN ${scanFrom}::DATE
              WHEN f.period_start >= ${scanFrom}::DATE - ${previous} AND f.period_end < ${scanFrom}::DATE THEN ${scanFrom}::DATE - ${previous}
              WHEN f.period_start >= ${scanFrom}::DATE - ${lastYear} AND f.period_end <= ${scanTo}::DATE - ${lastYear} THEN ${scanFrom}::DATE - ${lastYear} END`;

  // Views of units over months or coarser read flows of a month or finer from the monthly
  // summary (fact_months: by unit and reporting facility kind), presented as month facts so the
  // same filters and buckets apply. Views of facilities read the facts themselves.
  const summarised = !isFacilityLevel && (grain === 'month' || grain === 'quarter' || grain === 'half' || grain === 'year');
  const select = (from: string, counts: string, kindFilter: string, which: IndicatorRef[], extra = '') => `
  SELECT f.indicator_id, f.unit_id, f.subgroup, f.grain, f.period_start, f.period_end,
    f.numerator, f.denominator, f.value, f.is_demo, ${counts}, ${entity} AS entity_id, ${rangeBuckets} AS bucket
  FROM ${from}
    ${joins}
  WHERE f.indicator_id IN (${which.map((i) => param(i.id)).join(', ')}) AND ${rangeKeep} AND ${grainFilter} AND ${subgroupFilter}
    ${kindFilter} ${extra}`;
  const kind = view.facilityKind ? param(view.facilityKind) : null;
  const rawKind = [
    // A total kept as a check is never added to the figures under it (counted-once.ts; fact_months holds none).
    'AND NOT f.is_check',
    isFacilityLevel ? 'AND f.facility_id IS NOT NULL' : '',
    kind ? `AND f.facility_id IN (SELECT id FROM facilities WHERE kind = ${kind})` : '',
  ].join(' ');
  const raw = (which: IndicatorRef[], extra = '') =>
    select(
      'facts f',
      'f.facility_id AS series, 1 AS facts, (f.numerator IS NULL)::INTEGER AS uncounted, CASE WHEN f.numerator IS NULL THEN f.value END AS lone_rate',
      rawKind,
      which,
      extra,
    );
  // Flows (what the summary holds) and the rest, as plain filters the scan can prune by.
  const flows = known.filter((i) => i.kind === 'count' || (i.kind === 'ratio' && i.overTime === 'sum'));
  const others = known.filter((i) => !flows.includes(i));
  const parts = !summarised
    ? [raw(known)]
    : [
        ...(others.length > 0 ? [raw(others)] : []),
        ...(flows.length > 0
          ? [
              raw(flows, `AND f.grain > 'month'::grain`),
              select(
                `(SELECT *, month AS period_start, last_day(month) AS period_end, 'month'::grain AS grain FROM fact_months) f`,
                'NULL::INTEGER AS series, f.facts, f.uncounted, f.lone_rate',
                kind ? `AND f.facility_kind = ${kind}` : '',
                flows,
              ),
            ]
          : []),
      ];

  const sql = `
WITH picked AS (${parts.join('\n  UNION ALL')}
),
used AS (
  SELECT * FROM picked WHERE bucket IS NOT NULL AND NOT ${takesLast}
  UNION ALL
  SELECT * FROM picked WHERE bucket IS NOT NULL AND ${takesLast}
    -- A unit the reorganisation replaced stops counting once the bucket reaches the new units.
    AND NOT (unit_id IN (SELECT id FROM units WHERE era <> 'current') AND bucket + ${previous} > ${param(ref.reorganisedOn)}::DATE)
  QUALIFY row_number() OVER (PARTITION BY indicator_id, entity_id, bucket, unit_id, series, subgroup
                             ORDER BY period_end DESC, grain DESC) = 1
),
agg AS (
  SELECT u.indicator_id, u.entity_id, u.bucket,
    sum(u.numerator) FILTER (WHERE u.denominator IS NOT NULL) AS numerator,
    sum(u.denominator) FILTER (WHERE u.numerator IS NOT NULL) AS denominator,
    sum(u.value) AS value_sum, min(u.value) AS min_value, max(u.value) AS max_value,
    sum(u.facts)::INTEGER AS facts,
    sum(u.uncounted)::INTEGER AS uncounted,
    any_value(u.lone_rate) AS lone_rate,
    histogram(u.value) FILTER (WHERE i.kind = 'level') AS distribution,
    bool_or(u.is_demo) AS demo
  FROM used u JOIN indicators i ON i.id = u.indicator_id
  GROUP BY ALL
),
valued AS (
  SELECT a.*, i.code AS indicator, i.kind,
    CASE i.kind
      WHEN 'ratio' THEN CASE WHEN a.denominator > 0 THEN a.numerator / a.denominator * i.factor
                             WHEN a.facts = 1 AND a.uncounted = 1 THEN a.lone_rate END
      WHEN 'level' THEN CASE WHEN a.facts = 1 THEN a.min_value END
      ELSE a.value_sum END AS value
  FROM agg a JOIN indicators i ON i.id = a.indicator_id
)
SELECT v.indicator, v.entity_id, strftime(v.bucket, '%Y-%m-%d') AS bucket, v.numerator, v.denominator, v.value,
  v.facts, v.uncounted, v.min_value, v.max_value, CAST(v.distribution AS VARCHAR) AS distribution, v.demo
FROM valued v
ORDER BY v.indicator, v.bucket, v.entity_id`;
  return { sql, params, errors };
}

function daysIn(range: Range): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
}
