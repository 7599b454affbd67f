/**
 * Who sent the figures a view adds up: for each indicator and bucket, the reporters owed a figure
 * (reference `owed`) that sent one that counts. Pure, like compile-view.ts: `{ sql, params }` out.
 *
 * - A facility's figure covers that facility. A unit's own figure (no facility) covers every owed
 *   reporter under it: a commune's covers the commune (and its station), an area's figure covers
 *   the area's communes, a former commune's covers the commune that holds it today.
 * - A figure counts when it has a value; for a ratio, only with its numerator and denominator (a
 *   rate alone is not added up: compile-view.ts leaves it out of the sums).
 * The rows are (indicator, bucket, reporter); present-rows.ts places each under the view's
 * entities with the reference's ancestors, and counts what each entity was owed.
 */
import type { Range, View } from '../../data/schema/view.ts';
import { bucketOf, STEP, type IndicatorRef, type RollupReference } from './compile-view.ts';

export interface CoverageRow {
  indicator: string;
  bucket: string;
  /** A unit id (units owe the indicator) or a facility id (facilities do). */
  reporter: number;
}

export function compileCoverage(view: View, range: Range, reference: RollupReference): { sql: string; params: (string | number)[] } | null {
  const owed = view.indicators
    .map((code) => reference.indicators.get(code))
    .filter((i): i is IndicatorRef => i !== undefined && i.owed !== null)
    .map((i) => ({
      indicator_id: i.id,
      depth: 'depth' in i.owed! ? i.owed.depth : null,
      kinds: 'kinds' in i.owed! ? i.owed.kinds : [],
      ratio: i.kind === 'ratio',
      total_dimension: i.totalDimension,
    }));
  if (owed.length === 0) return null;
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
  const sql = `
WITH owed AS (SELECT * FROM (SELECT unnest(from_json($1::JSON, '[{"indicator_id":"INTEGER","depth":"INTEGER","kinds":["VARCHAR"],"ratio":"BOOLEAN","total_dimension":"VARCHAR"}]'), recursive := true))),
f AS (
  SELECT f.indicator_id, f.unit_id, f.facility_id, ${bucket} AS bucket, o.depth, o.kinds
  FROM facts f JOIN owed o ON o.indicator_id = f.indicator_id
  -- From a year and a bucket before the range (the changes), a week starting up to 3 days before its bucket.
  WHERE f.period_start >= $2::DATE - INTERVAL 1 YEAR - ${bucketBefore} - INTERVAL 3 DAY AND f.period_start <= $3::DATE
    AND ${fits} AND ${subgroup}
    -- A total kept as a check (counted-once.ts) is not added up, so it covers no one.
    AND NOT f.is_check
    AND CASE WHEN o.ratio THEN f.numerator IS NOT NULL AND f.denominator IS NOT NULL ELSE f.value IS NOT NULL END),
-- A unit stands for what it is today: a former commune for the commune holding it.
image AS (SELECT a.unit_id, a.ancestor_id FROM unit_ancestors a JOIN units u ON u.id = a.unit_id AND a.depth = u.depth),
covered AS (
  SELECT f.indicator_id, f.bucket, f.facility_id AS reporter FROM f
  JOIN facilities fa ON fa.id = f.facility_id
  WHERE f.depth IS NULL AND list_contains(f.kinds, fa.kind)
  UNION
  SELECT f.indicator_id, f.bucket, r.unit_id FROM f
  JOIN image m ON m.unit_id = f.unit_id JOIN unit_ancestors r ON r.ancestor_id = m.ancestor_id
  JOIN units ru ON ru.id = r.unit_id AND ru.era = 'current' AND ru.depth = f.depth
  WHERE f.depth IS NOT NULL AND f.facility_id IS NULL
  UNION
  SELECT f.indicator_id, f.bucket, fa.id FROM f
  JOIN image m ON m.unit_id = f.unit_id JOIN unit_ancestors r ON r.ancestor_id = m.ancestor_id
  JOIN facilities fa ON fa.unit_id = r.unit_id AND list_contains(f.kinds, fa.kind)
  WHERE f.depth IS NULL AND f.facility_id IS NULL)
SELECT i.code AS indicator, strftime(c.bucket, '%Y-%m-%d') AS bucket, c.reporter
FROM covered c JOIN indicators i ON i.id = c.indicator_id
WHERE c.bucket IS NOT NULL`;
  return { sql, params };
}
