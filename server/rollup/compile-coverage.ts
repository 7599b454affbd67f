/**
 * Who sent the figures a view adds up: for each indicator and bucket, the reporters owed a figure
 * (reference `owed`) that sent one that counts. Pure, like compile-view.ts: `{ sql, params }` out.
 *
 * - A facility's figure covers that facility. A unit's own figure (no facility) covers every owed
 *   reporter under it: a commune's covers the commune (and its station), an area's figure covers
 *   the area's communes, a former commune's covers the commune that holds it today.
 * - A figure counts when it has a value; for a ratio, only with its numerator and denominator (a
 *   rate alone is not added up: compile-view.ts leaves it out of the sums).
 * - Flows of a month or finer (counts, ratios summed over time) are read, in views of units by
 *   month or coarser, from the monthly summary (fact_months: its `reporters`, the facilities of a
 *   kind in a unit that sent a figure that counts, the most in any month of the bucket), as
 *   compile-view.ts reads their sums: reading them from the facts took 3.5–6.5 s a view at 11M facts.
 * The rows are (indicator, bucket, reporter) for units, whose people count, and (indicator, bucket,
 * entity, kind, n) for facilities, counted under the view's entities here (by id they were a
 * quarter of a million rows a view of weeks at 11M facts); present-rows.ts counts what each entity
 * was owed.
 */
import { FACILITY_LEVEL, type Range, type View } from '../../data/schema/view.ts';
import { bucketOf, STEP, type IndicatorRef, type RollupReference } from './compile-view.ts';

export interface CoverageRow {
  indicator: string;
  bucket: string;
  /** A unit that owes the figure and sent it (its id); null for facilities, counted. */
  reporter: number | null;
  /** Facilities of `kind` under `unit` (an entity of the view) that sent it: `n` of them. */
  unit: number | null;
  kind: string | null;
  n: number;
}

export function compileCoverage(view: View, range: Range, reference: RollupReference): { sql: string; params: (string | number)[] } | null {
  const owed = view.indicators
    .map((code) => reference.indicators.get(code))
    .filter((i): i is IndicatorRef => i !== undefined && i.owed !== null)
    .map((i) => ({
      indicator_id: i.id,
      depth: 'depth' in i.owed! ? i.owed.depth : null,
      // A view of one kind of facility is owed by that kind (as present-rows.ts counts what is owed).
      kinds: 'kinds' in i.owed! ? (view.facilityKind ? [view.facilityKind] : i.owed.kinds) : [],
      ratio: i.kind === 'ratio',
      flow: i.kind === 'count' || (i.kind === 'ratio' && i.overTime === 'sum'),
      total_dimension: i.totalDimension,
    }));
  // A facility's figure is its own: coverage is said of units' figures only.
  const depth = reference.levels.indexOf(view.level);
  if (owed.length === 0 || view.level === FACILITY_LEVEL || depth < 0) return null;
  const params: (string | number)[] = [JSON.stringify(owed), range.from, range.to];
  const param = (v: string | number) => (params.push(v), `$${params.length}`);
  const grain = view.grain;
  // The same subgroups the view adds up: the total, or each part of the dimension a total is reported by, or the one asked for.
  const subgroup =
    view.subgroup !== undefined
      ? `f.subgroup = ${param(view.subgroup)}`
      : `(f.subgroup = '' OR (o.total_dimension IS NOT NULL AND f.subgroup LIKE o.total_dimension || ':%'))`;
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  const bucketBefore = grain === 'range' ? `INTERVAL ${days} DAY` : STEP[grain]!.previous;
  // A span of days is one bucket, with the span before it and the same span a year before (as compile-view.ts).
  const bucket =
    grain === 'range'
      ? `CASE WHEN f.period_start >= $2::DATE AND f.period_end <= $3::DATE THEN $2::DATE
              WHEN f.period_start >= $2::DATE - ${bucketBefore} AND f.period_end < $2::DATE THEN $2::DATE - ${bucketBefore}
              WHEN f.period_start >= $2::DATE - INTERVAL 1 YEAR AND f.period_end <= $3::DATE - INTERVAL 1 YEAR THEN $2::DATE - INTERVAL 1 YEAR END`
      : bucketOf(grain);
  const fits = grain === 'range' ? `f.period_end - f.period_start < ${days}` : `f.grain <= ${param(grain)}::grain`;
  const summarised = view.level !== FACILITY_LEVEL && (grain === 'month' || grain === 'quarter' || grain === 'half' || grain === 'year');
  // The range with the bucket before it, and the same span a year before (the changes compare with them), as
  // compile-view.ts scans; a week may start up to 3 days before its bucket.
  const lastYear = grain === 'range' ? 'INTERVAL 1 YEAR' : STEP[grain]!.lastYear;
  const span = (shift: string) => `(f.period_start >= $2::DATE - ${shift} - ${bucketBefore} - INTERVAL 3 DAY AND f.period_start <= $3::DATE - ${shift})`;
  const window = `(${span('INTERVAL 0 DAY')} OR ${span(lastYear)})`;
  // Ids are the store's own small integers, written into the statement as such.
  const ids = (list: { indicator_id: number }[]) => list.map((o) => Number(o.indicator_id)).join(', ');
  const flows = owed.filter((o) => o.flow);
  const others = owed.filter((o) => !o.flow);
  // Plain filters on the facts' own columns, so the scan skips what it need not read (a join alone took seconds);
  // flows of a month or finer come from the summary instead.
  const rawPart = (list: typeof owed, extra: string) => `
  SELECT f.indicator_id, f.unit_id, f.facility_id, ${bucket} AS bucket, o.depth, o.kinds
  FROM facts f JOIN owed o ON o.indicator_id = f.indicator_id
  WHERE f.indicator_id IN (${ids(list)}) AND ${window} AND ${fits} AND ${subgroup} ${extra}
    -- A total kept as a check (counted-once.ts) is not added up, so it covers no one.
    AND NOT f.is_check
    AND CASE WHEN o.ratio THEN f.numerator IS NOT NULL AND f.denominator IS NOT NULL ELSE f.value IS NOT NULL END`;
  const rawParts = summarised
    ? [...(others.length > 0 ? [rawPart(others, '')] : []), ...(flows.length > 0 ? [rawPart(flows, "AND f.grain > 'month'::grain")] : [])]
    : [rawPart(owed, '')];
  const monthly = `(SELECT *, month AS period_start, last_day(month) AS period_end, 'month'::grain AS grain FROM fact_months)`;
  const sql = `
WITH owed AS (SELECT * FROM (SELECT unnest(from_json($1::JSON, '[{"indicator_id":"INTEGER","depth":"INTEGER","kinds":["VARCHAR"],"ratio":"BOOLEAN","flow":"BOOLEAN","total_dimension":"VARCHAR"}]'), recursive := true))),
raw AS (${rawParts.join('\n  UNION ALL')}),
summary AS (
  SELECT f.indicator_id, f.unit_id, f.facility_kind, ${bucket} AS bucket, o.depth, o.kinds, f.reporters
  FROM ${monthly} f JOIN owed o ON o.indicator_id = f.indicator_id
  WHERE ${summarised && flows.length > 0 ? `f.indicator_id IN (${ids(flows)})` : 'false'} AND f.reporters > 0 AND ${window} AND ${subgroup}),
-- A unit's own figures, from the facts or the summary (no facility kind), and facilities' from the facts.
f AS (
  SELECT * FROM raw
  UNION ALL
  SELECT indicator_id, unit_id, NULL, bucket, depth, kinds FROM summary WHERE facility_kind IS NULL),
-- A unit stands for what it is today: a former commune for the commune holding it.
image AS (SELECT a.unit_id, a.ancestor_id FROM unit_ancestors a JOIN units u ON u.id = a.unit_id AND a.depth = u.depth),
-- Units that owe the figure, by name (their people count); facilities, counted under each entity of the view by kind.
units_covered AS (
  SELECT DISTINCT f.indicator_id, f.bucket, r.unit_id AS reporter FROM f
  JOIN image m ON m.unit_id = f.unit_id JOIN unit_ancestors r ON r.ancestor_id = m.ancestor_id
  JOIN units ru ON ru.id = r.unit_id AND ru.era = 'current' AND ru.depth = f.depth
  WHERE f.depth IS NOT NULL AND f.facility_id IS NULL),
facilities_covered AS (
  SELECT f.indicator_id, f.bucket, f.facility_id FROM f
  JOIN facilities fa ON fa.id = f.facility_id
  WHERE f.depth IS NULL AND list_contains(f.kinds, fa.kind)
  UNION
  SELECT f.indicator_id, f.bucket, fa.id FROM f
  JOIN image m ON m.unit_id = f.unit_id JOIN unit_ancestors r ON r.ancestor_id = m.ancestor_id
  JOIN facilities fa ON fa.unit_id = r.unit_id AND list_contains(f.kinds, fa.kind)
  WHERE f.depth IS NULL AND f.facility_id IS NULL),
-- The summary's facilities of a unit and kind: the most that reported in any month of the bucket.
summary_counted AS (
  SELECT indicator_id, bucket, unit_id, facility_kind, max(reporters) AS n FROM summary
  WHERE bucket IS NOT NULL AND depth IS NULL AND list_contains(kinds, facility_kind) GROUP BY ALL)
SELECT i.code AS indicator, strftime(c.bucket, '%Y-%m-%d') AS bucket, c.reporter, NULL::INTEGER AS unit, NULL::VARCHAR AS kind, 1 AS n
FROM units_covered c JOIN indicators i ON i.id = c.indicator_id
WHERE c.bucket IS NOT NULL
UNION ALL
SELECT i.code, strftime(c.bucket, '%Y-%m-%d'), NULL, e.ancestor_id, fa.kind, count(*)::INTEGER
FROM facilities_covered c JOIN indicators i ON i.id = c.indicator_id JOIN facilities fa ON fa.id = c.facility_id
JOIN unit_ancestors e ON e.unit_id = fa.unit_id AND e.depth = ${param(depth)}
WHERE c.bucket IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT i.code, strftime(m.bucket, '%Y-%m-%d'), NULL, e.ancestor_id, m.facility_kind, sum(m.n)::INTEGER
FROM summary_counted m JOIN indicators i ON i.id = m.indicator_id
JOIN unit_ancestors e ON e.unit_id = m.unit_id AND e.depth = ${param(depth)}
GROUP BY ALL`;
  return { sql, params };
}
