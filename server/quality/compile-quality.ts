/**
 * The SQL of data quality. Pure: strings and their bound parameters, as compile-view.ts is for
 * indicators. Reports owed (expected-periods.ts × the reporters of each indicator), what arrived
 * for them, and the sums under each unit shown; then the consistency flags. Definitions in
 * data/schema/quality.ts.
 */
import { JUMP_HISTORY, JUMP_MIN_COUNT_MEDIAN, JUMP_MIN_HISTORY, JUMP_THRESHOLD } from '../../data/schema/quality.ts';
import { totalVsPartsSql } from '../store/counted-once.ts';
import { CURRENT_ERA } from '../store/sync-reference.ts';
import type { ExpectedPeriod, ExpectedReporter } from './expected-periods.ts';

export interface QualityScope {
  /** Depth of the level shown, and the unit shown under. */
  depth: number;
  parentId: number | null;
}

const rowsOf = (json: string, shape: Record<string, string>) =>
  `(SELECT unnest(from_json(${json}::JSON, '[${JSON.stringify(shape)}]'), recursive := true))`;

/** The units shown: today's units at the level, under the parent when there is one. $3 depth, $4 parent. */
const SHOWN = `
  shown AS (
    SELECT u.id, u.code, u.name FROM units u
    WHERE u.era = '${CURRENT_ERA}' AND u.depth = $3
      AND ($4::INTEGER IS NULL OR EXISTS (SELECT 1 FROM unit_ancestors pa WHERE pa.unit_id = u.id AND pa.ancestor_id = $4)))`;

export function compileReports(periods: ExpectedPeriod[], reporters: ExpectedReporter[], scope: QualityScope, today: string) {
  const sql = `
  WITH periods AS (
    SELECT p.indicator, p.period, p."start"::DATE AS period_start, p."end"::DATE AS period_end, p.deadline::DATE AS deadline, p.month
    FROM ${rowsOf('$1', { indicator: 'VARCHAR', period: 'VARCHAR', start: 'VARCHAR', end: 'VARCHAR', deadline: 'VARCHAR', month: 'VARCHAR' })} p),
  reporters AS (SELECT * FROM ${rowsOf('$2', { indicator: 'VARCHAR', reporter: 'VARCHAR', depth: 'INTEGER' })}),
  ${SHOWN},
  -- Each report owed: by a facility of a kind the indicator expects, or by a unit of its reporting level.
  expected AS (
    SELECT i.id AS indicator_id, p.*, f.id AS facility_id, NULL::INTEGER AS reporter_depth, f.unit_id AS home_id, f.code AS reporter_code,
      f.short_name AS reporter_name, h.code AS home_code, s.code AS unit_code, s.name AS unit_name
    FROM periods p JOIN indicators i ON i.code = p.indicator JOIN reporters r ON r.indicator = p.indicator
    JOIN facilities f ON f.kind = r.reporter JOIN units h ON h.id = f.unit_id
    JOIN unit_ancestors a ON a.unit_id = f.unit_id AND a.depth = $3 JOIN shown s ON s.id = a.ancestor_id
    UNION ALL
    SELECT i.id, p.*, NULL, r.depth, u.id, u.code, u.name, u.code, s.code, s.name
    FROM periods p JOIN indicators i ON i.code = p.indicator JOIN reporters r ON r.indicator = p.indicator AND r.reporter = 'unit'
    JOIN units u ON u.era = '${CURRENT_ERA}' AND u.depth = r.depth
    JOIN unit_ancestors a ON a.unit_id = u.id AND a.depth = $3 JOIN shown s ON s.id = a.ancestor_id),
  -- What arrived for each: any figure of the indicator by that reporter within the period (a
  -- unit's own figures, or a former unit's that rolls into it), first reported on which day.
  arrivals AS (
    SELECT e.indicator_id, e.facility_id, e.home_id, e.period_start, min(f.reported_on) AS reported_on, bool_or(f.is_demo) AS demo
    FROM expected e JOIN facts f ON f.indicator_id = e.indicator_id AND f.facility_id = e.facility_id
      AND f.period_start >= e.period_start AND f.period_end <= e.period_end
    GROUP BY ALL
    UNION ALL
    SELECT e.indicator_id, NULL, e.home_id, e.period_start, min(f.reported_on), bool_or(f.is_demo)
    FROM expected e JOIN unit_ancestors ua ON ua.ancestor_id = e.home_id AND ua.depth = e.reporter_depth
    JOIN facts f ON f.unit_id = ua.unit_id AND f.facility_id IS NULL AND f.indicator_id = e.indicator_id
      AND f.period_start >= e.period_start AND f.period_end <= e.period_end
    WHERE e.facility_id IS NULL
    GROUP BY ALL),
  assessed AS (
    SELECT e.*, a.demo, a.reported_on IS NOT NULL AS received, COALESCE(a.reported_on <= e.deadline, false) AS on_time,
      CASE WHEN a.reported_on IS NULL THEN $5::DATE - e.deadline WHEN a.reported_on > e.deadline THEN a.reported_on - e.deadline ELSE 0 END AS days_late
    FROM expected e LEFT JOIN arrivals a ON a.indicator_id = e.indicator_id AND a.facility_id IS NOT DISTINCT FROM e.facility_id
      AND a.home_id = e.home_id AND a.period_start = e.period_start)
  SELECT GROUPING(unit_code, month, reporter_code)::INTEGER AS grouping, unit_code, unit_name, month, reporter_code, reporter_name, home_code,
    count(*)::INTEGER AS expected, count(*) FILTER (received)::INTEGER AS received, count(*) FILTER (on_time)::INTEGER AS on_time,
    count(*) FILTER (received AND NOT on_time)::INTEGER AS late, max(days_late) FILTER (NOT on_time)::INTEGER AS days_late,
    COALESCE(bool_or(demo), false) AS demo
  FROM assessed
  GROUP BY GROUPING SETS ((unit_code, unit_name, month), (unit_code, unit_name), (), (reporter_code, reporter_name, home_code))`;
  return { sql, params: [JSON.stringify(periods), JSON.stringify(reporters), scope.depth, scope.parentId, today] };
}

/**
 * Consistency flags under the units shown, for figures of the days `from`–`to`. Refused rows name
 * their unit in their own words: it is looked up in every era's list (a former unit is closed;
 * a code in no list is unknown). Each flag once, with the latest batch that raised it.
 * $1 indicator codes, $2 from, $3 depth, $4 parent, $5 to.
 */
export function compileFlags(indicators: string[], scope: QualityScope, from: string, to: string) {
  const totals = totalVsPartsSql('$1', '$2', '$5');
  const sql = `
  WITH ${SHOWN.trim()},${totals.ctes}
  under AS (SELECT a.unit_id, s.code, s.name FROM unit_ancestors a JOIN shown s ON s.id = a.ancestor_id WHERE a.depth = $3),
  refused AS (
    SELECT CASE WHEN r.code = 'numerator_exceeds_denominator' THEN r.code
                WHEN EXISTS (SELECT 1 FROM unit_codes k WHERE k.code = r.unit) THEN 'closed_unit' ELSE 'unknown_unit' END AS kind,
      r.indicator, COALESCE(r.facility, r.unit) AS entity,
      -- Named as the lists name it: a facility's short name, else the unit's (today's, or the former one's).
      COALESCE(f.short_name, (SELECT first(n.name ORDER BY n.era = '${CURRENT_ERA}' DESC, n.era DESC) FROM units n WHERE n.code = r.unit)) AS entity_name, r.period, TRY_CAST(r.value AS DOUBLE) AS value,
      TRY_CAST(json_extract_string(r.params, '$.denominator') AS DOUBLE) AS against, r.batch_id,
      COALESCE(f.unit_id, (SELECT min(k.unit_id) FROM unit_codes k WHERE k.code = r.unit)) AS unit_id
    FROM rejected_rows r LEFT JOIN facilities f ON f.code = r.facility
    WHERE r.code IN ('numerator_exceeds_denominator', 'unknown_unit') AND list_contains(from_json($1::JSON, '["VARCHAR"]'), r.indicator)),
  landed AS (
    SELECT f.*, i.code AS indicator, i.kind, i.frequency, COALESCE(fa.code, u.code) AS entity, COALESCE(fa.short_name, u.name) AS entity_name
    FROM facts f JOIN indicators i ON i.id = f.indicator_id JOIN units u ON u.id = f.unit_id LEFT JOIN facilities fa ON fa.id = f.facility_id
    WHERE list_contains(from_json($1::JSON, '["VARCHAR"]'), i.code) AND f.period_end >= $2::DATE - INTERVAL 4 YEAR AND f.period_start <= $5::DATE),
  history AS (
    SELECT *, median(value) OVER w AS median, mad(value) OVER w AS mad, count(value) OVER w AS seen,
      -- Counts vary at least as chance does (Poisson: sd √median, MAD ≈ 0.6745·sd): the scale never goes below that.
      greatest(mad(value) OVER w, CASE WHEN kind = 'count' THEN 0.6745 * sqrt(greatest(median(value) OVER w, 1)) ELSE 0 END) AS scale
    FROM landed WHERE grain = frequency AND subgroup = '' AND value IS NOT NULL
    -- A day is compared with the same weekday of earlier weeks (a Sunday is always quiet).
    WINDOW w AS (PARTITION BY indicator_id, unit_id, facility_id, CASE WHEN grain = 'day' THEN dayofweek(period_start) END
                 ORDER BY period_start ROWS BETWEEN ${JUMP_HISTORY} PRECEDING AND 1 PRECEDING)),
  flags AS (
    SELECT kind, indicator, entity, entity_name, period, NULL::VARCHAR AS grain, NULL::DATE AS period_start, value, against, true AS refused, batch_id, unit_id
    FROM refused
    UNION ALL
    SELECT 'rate_without_counts', indicator, entity, entity_name, NULL, grain::VARCHAR, period_start, value, NULL, false, batch_id, unit_id FROM landed
    WHERE kind = 'ratio' AND numerator IS NULL AND value IS NOT NULL AND period_start >= $2::DATE
    UNION ALL
    SELECT 'sudden_jump', indicator, entity, entity_name, NULL, grain::VARCHAR, period_start, value, median, false, batch_id, unit_id FROM history
    WHERE period_start >= $2::DATE AND seen >= ${JUMP_MIN_HISTORY} AND scale > 0 AND abs(0.6745 * (value - median) / scale) > ${JUMP_THRESHOLD}
      AND (kind <> 'count' OR median >= ${JUMP_MIN_COUNT_MEDIAN})
    UNION ALL${totals.select})
  SELECT fl.kind, fl.indicator, fl.entity, fl.entity_name, fl.period, fl.grain, fl.period_start::VARCHAR AS period_start, fl.value, fl.against, fl.refused,
    max(fl.batch_id)::INTEGER AS batch, u.code AS unit_code, u.name AS unit_name
  FROM flags fl LEFT JOIN under u ON u.unit_id = fl.unit_id
  -- A code in no list is under no unit: it shows when nothing narrower than the whole pack is asked for.
  WHERE u.code IS NOT NULL OR (fl.unit_id IS NULL AND $4::INTEGER IS NULL)
  GROUP BY ALL`;
  return { sql, params: [JSON.stringify(indicators), from, scope.depth, scope.parentId, to] };
}
