/**
 * A figure is counted once. A total is a figure whose reporter stands for its whole unit: a unit's
 * own figure ("Tổng cộng", "Toàn tỉnh"), or a facility of a kind the catalogue lists in the
 * indicator's `totals` (indicator_totals). Everything reported under it — figures of the units
 * below it, and of its unit's own facilities — is included in it. Parts win:
 * - in one file, a total with figures under it is refused, naming both, unless it equals their sum
 *   (server/ingest/counted-once-checks.ts); then it lands as a check;
 * - across batches, a total with figures under it stored for some of its days is kept as a check
 *   (facts.is_check), whichever came first: rollups (compile-view.ts) and the monthly summary
 *   (fact-months.ts) never add it, and data quality compares it with the parts (total_vs_parts).
 * Levels are one facility's own, never totals (indicator_totals holds none for them).
 *
 * The SQL below works on "figure" relations with the columns rid, indicator_id, unit_id,
 * unit_depth, facility_id, is_total, subgroup, period_start, period_end, total_dimension (and, to
 * compare, kind, flow, grain, numerator, denominator, value).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { noteMonths } from './fact-months.ts';
import { rows } from './store.ts';

/**
 * Facts as figures: `facts` picks them (a predicate on the facts table alone, f: a plain filter the
 * scan prunes by, before any join), `where` and `extra` columns may read u, i, fa and t too.
 */
export const factFigures = (facts: string, where = 'true', extra = '') => `
  SELECT f.rid, f.indicator_id, f.unit_id, u.depth AS unit_depth, f.facility_id, t.reporter IS NOT NULL AS is_total,
    f.subgroup, f.grain, f.period_start, f.period_end, json_keys(i.spec -> 'subgroups')[1] AS total_dimension,
    i.kind, i.kind = 'count' OR (i.kind = 'ratio' AND i.over_time = 'sum') AS flow, f.numerator, f.denominator, f.value${extra}
  FROM (SELECT f.rowid AS rid, f.* FROM facts f WHERE ${facts}) f JOIN units u ON u.id = f.unit_id JOIN indicators i ON i.id = f.indicator_id
    LEFT JOIN facilities fa ON fa.id = f.facility_id
    LEFT JOIN indicator_totals t ON t.indicator_id = f.indicator_id AND t.reporter = COALESCE(fa.kind, 'unit')
  WHERE ${where}`;

/** Facts that may be totals, as a plain filter: units' own figures, and those of indicators some facility kind reports totals of. */
const MAY_BE_TOTAL = `(f.facility_id IS NULL OR f.indicator_id IN (SELECT indicator_id FROM indicator_totals WHERE reporter <> 'unit'))`;

/**
 * Pairs (total_rid, part_rid): each part lies under its total, for some of the same days. A part
 * lies under a total when its unit is below the total's unit, or when it is a facility's own
 * figure at the total's unit (under a unit's figure, any facility's there). Subgroups: the same, or
 * a breakdown (by the indicator's total dimension) under a total.
 */
export const pairsSql = (totals: string, parts: string) => `
  SELECT t.rid AS total_rid, p.rid AS part_rid
  FROM ${totals} t JOIN (
    SELECT x.rid, x.indicator_id, x.facility_id, x.is_total, x.subgroup, x.period_start, x.period_end, a.ancestor_id AS within, false AS at_unit
    FROM ${parts} x JOIN unit_ancestors a ON a.unit_id = x.unit_id AND a.depth < x.unit_depth
    WHERE x.indicator_id IN (SELECT indicator_id FROM ${totals})
    UNION ALL
    SELECT x.rid, x.indicator_id, x.facility_id, x.is_total, x.subgroup, x.period_start, x.period_end, x.unit_id, true
    FROM ${parts} x WHERE x.facility_id IS NOT NULL AND x.indicator_id IN (SELECT indicator_id FROM ${totals})
  ) p ON p.within = t.unit_id AND p.indicator_id = t.indicator_id AND p.period_start <= t.period_end AND t.period_start <= p.period_end
  WHERE t.is_total AND p.rid <> t.rid
    AND (p.subgroup = t.subgroup OR (t.subgroup = '' AND split_part(p.subgroup, ':', 1) = t.total_dimension))
    AND (NOT p.at_unit OR t.facility_id IS NULL OR (NOT p.is_total AND p.facility_id <> t.facility_id))`;

const near = (a: string, b: string) => `abs((${a}) - (${b})) <= 1e-9 * greatest(1, abs(${b}))`;

/**
 * Each total with parts against the sum of its counted parts (`counted`: a predicate on p). It can
 * be compared when every part lies within its days (for stocks and end-of-period ratios: the same
 * period), and the ratio's counts are all there; `equal` then says whether the sums agree.
 */
export const compareSql = (totals: string, parts: string, pairs: string, counted: string) => `
  SELECT t.rid, count(*)::INTEGER AS parts, list(p.rid ORDER BY p.rid) AS part_rids,
    count(*) FILTER (WHERE ${counted}) > 0
      AND bool_and(p.period_start >= t.period_start AND p.period_end <= t.period_end
        AND (t.flow OR (p.grain = t.grain AND p.period_start = t.period_start)))
      AND bool_and(NOT (${counted}) OR t.kind <> 'ratio' OR (p.numerator IS NOT NULL AND p.denominator IS NOT NULL))
      AND (any_value(t.kind) <> 'ratio' OR (any_value(t.numerator) IS NOT NULL AND any_value(t.denominator) IS NOT NULL)) AS comparable,
    sum(p.numerator) FILTER (WHERE ${counted}) AS numerator, sum(p.denominator) FILTER (WHERE ${counted}) AS denominator,
    sum(p.value) FILTER (WHERE ${counted}) AS value
  FROM (${pairs}) x JOIN ${totals} t ON t.rid = x.total_rid JOIN ${parts} p ON p.rid = x.part_rid
  GROUP BY t.rid`;

/** Does a compared total (t) equal its parts' sum (s)? */
export const equalSql = (t: string, s: string) => `(${s}.comparable AND CASE WHEN ${t}.kind = 'ratio'
    THEN ${near(`${s}.numerator`, `${t}.numerator`)} AND ${near(`${s}.denominator`, `${t}.denominator`)}
    ELSE ${near(`${s}.value`, `${t}.value`)} END)`;

/** A number as a data officer wrote it: 150, not 150.0. */
export const numberText = (x: string) =>
  `CASE WHEN ${x} IS NULL THEN '—' WHEN ${x} = trunc(${x}) AND abs(${x}) < 1e15 THEN CAST(${x} AS BIGINT)::VARCHAR ELSE CAST(round(${x}, 4) AS VARCHAR) END`;
/** A figure as text: a ratio's counts (numerator/denominator), else its value. */
export const figureText = (r: string, kind: string) =>
  `CASE WHEN ${kind} = 'ratio' AND ${r}.numerator IS NOT NULL THEN ${numberText(`${r}.numerator`)} || '/' || ${numberText(`${r}.denominator`)}
        ELSE ${numberText(`${r}.value`)} END`;

/**
 * Sets facts.is_check for the totals `scope` selects (a predicate on facts f; 'true': all), from
 * what is stored now. Facts whose mark changed have their monthly summary keys noted (refreshMonths
 * recomputes them) and their rowids left in check_flips; returns how many changed.
 */
export async function markChecks(connection: DuckDBConnection, scope: string): Promise<number> {
  await connection.run(
    // With the checks of reporters that no longer report totals (the catalogue changed): they count again.
    `CREATE OR REPLACE TEMP TABLE count_totals AS ${factFigures(`(${MAY_BE_TOTAL} OR f.is_check) AND ${scope}`, 't.reporter IS NOT NULL OR f.is_check', ', f.is_check')}`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE count_parts AS
     ${factFigures(`f.indicator_id IN (SELECT DISTINCT indicator_id FROM count_totals)
       AND f.period_start <= (SELECT max(period_end) FROM count_totals) AND f.period_end >= (SELECT min(period_start) FROM count_totals)`)}`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE check_flips AS
     SELECT t.rid FROM count_totals t
     WHERE COALESCE(t.is_check, false) <> (t.rid IN (SELECT total_rid FROM (${pairsSql('count_totals', 'count_parts')})))`,
  );
  const [{ n }] = (await rows<{ n: number }>(connection, 'SELECT count(*)::INTEGER AS n FROM check_flips')) as [{ n: number }];
  if (n === 0) return 0;
  await noteMonths(connection, 'SELECT * FROM facts WHERE rowid IN (SELECT rid FROM check_flips)');
  await connection.run('UPDATE facts SET is_check = NOT COALESCE(is_check, false) WHERE rowid IN (SELECT rid FROM check_flips)');
  return n;
}

/** The totals a batch may have turned into checks or back: those over or at the units of the facts it `changed`, on their days. */
export const AROUND_CHANGED = `EXISTS (
  SELECT 1 FROM (SELECT c.indicator_id, a.ancestor_id AS unit_id, c.period_start, c.period_end FROM changed c JOIN unit_ancestors a ON a.unit_id = c.unit_id
                 UNION ALL SELECT indicator_id, unit_id, period_start, period_end FROM changed) c
  WHERE c.indicator_id = f.indicator_id AND c.unit_id = f.unit_id AND c.period_start <= f.period_end AND f.period_start <= c.period_end)`;

/**
 * Data quality: every check among the facts of the indicators ($indicators, a JSON list of codes)
 * from `from` to `to` whose parts do not add up to it, as flag rows (kind, indicator, entity,
 * entity_name, period, grain, period_start, value, against, refused, batch_id, unit_id): the total
 * reported and the sum of the parts that count (null where they cannot be compared).
 */
export function totalVsPartsSql(indicators: string, from: string, to: string): { ctes: string; select: string } {
  const extra = `, f.batch_id, i.code AS indicator, i.factor, COALESCE(fa.code, u.code) AS entity, COALESCE(fa.short_name, u.name) AS entity_name, NOT f.is_check AS counted`;
  return {
    ctes: `
  check_totals AS (${factFigures(`f.is_check AND f.period_end >= ${from}::DATE AND f.period_start <= ${to}::DATE`,
      `list_contains(from_json(${indicators}::JSON, '["VARCHAR"]'), i.code)`, extra)}),
  check_parts AS (${factFigures(`NOT f.is_check AND f.indicator_id IN (SELECT indicator_id FROM check_totals)
      AND f.period_start <= (SELECT max(period_end) FROM check_totals) AND f.period_end >= (SELECT min(period_start) FROM check_totals)`, 'true', extra)}),
  check_sums AS (${compareSql('check_totals', 'check_parts', pairsSql('check_totals', 'check_parts'), 'p.counted')}),`,
    select: `
    SELECT 'total_vs_parts', t.indicator, t.entity, t.entity_name, NULL, t.grain::VARCHAR, t.period_start, t.value,
      CASE WHEN NOT s.comparable THEN NULL WHEN t.kind = 'ratio' THEN s.numerator / s.denominator * t.factor ELSE s.value END,
      false, t.batch_id, t.unit_id
    FROM check_totals t JOIN check_sums s ON s.rid = t.rid
    WHERE t.period_start >= ${from}::DATE AND NOT ${equalSql('t', 's')}`,
  };
}
