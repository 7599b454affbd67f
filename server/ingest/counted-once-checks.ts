/**
 * A figure is counted once, within one file (validate.ts adds these to its checks over `checked`):
 * - a total given with figures under it is refused, naming both, unless it equals their sum
 *   (server/store/counted-once.ts; it then lands as a check);
 * - a series (indicator, unit or facility, subgroup) given at two grains over the same days
 *   (months and their quarter) is refused as it is across batches (grain_conflict): the coarser
 *   rows, naming the first finer one.
 * Each returns a SELECT of (row_number, column_name, value, code, params).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { compareSql, equalSql, figureText, pairsSql } from '../store/counted-once.ts';

const GRAIN_WORDS = {
  vi: { day: 'ngày', week: 'tuần', month: 'tháng', quarter: 'quý', half: '6 tháng', year: 'năm' },
  en: { day: 'day', week: 'week', month: 'month', quarter: 'quarter', half: 'half-year', year: 'year' },
};
const words = (grain: string, language: 'vi' | 'en') =>
  `CASE ${grain}::VARCHAR ${Object.entries(GRAIN_WORDS[language]).map(([g, w]) => `WHEN '${g}' THEN '${w}'`).join(' ')} END`;

/**
 * The refusals of a file's totals given with figures under them, as a SELECT of (row_number,
 * column_name, value, code, params) over the staged rows `checked` (validate.ts). A total that
 * equals its parts' sum is not refused: it lands as a check.
 */
export async function fileTotalsWithParts(connection: DuckDBConnection): Promise<string> {
  const figures = (where: string) => `
     SELECT c.row_number AS rid, c.indicator_id, c.unit_id, u.depth AS unit_depth, c.facility_id, t.reporter IS NOT NULL AS is_total,
       c.subgroup_key AS subgroup, c.grain, c.period_start, c.period_end, c.total_dimension,
       c.kind, c.kind = 'count' OR (c.kind = 'ratio' AND i.over_time = 'sum') AS flow,
       c.numerator_number AS numerator, c.denominator_number AS denominator, c.value_number AS value,
       CASE WHEN c.facility_id IS NULL THEN 'unit' ELSE 'facility' END AS column_name, COALESCE(c.facility, c.unit) AS code
     FROM checked c JOIN units u ON u.id = c.unit_id JOIN indicators i ON i.id = c.indicator_id
       LEFT JOIN indicator_totals t ON t.indicator_id = c.indicator_id AND t.reporter = COALESCE(c.facility_kind, 'unit')
     WHERE c.grain IS NOT NULL AND c.kind <> 'level' AND ${where}`;
  // The totals first (usually none: a file of facilities' own figures), then only their indicators' rows.
  await connection.run(`CREATE OR REPLACE TEMP TABLE file_totals AS ${figures('t.reporter IS NOT NULL')}`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE file_figures AS ${figures('c.indicator_id IN (SELECT DISTINCT indicator_id FROM file_totals)')}`,
  );
  await connection.run(`CREATE OR REPLACE TEMP TABLE file_pairs AS ${pairsSql('file_totals', 'file_figures')}`);
  // A part counts in the sum when nothing in the file lies under it (a commune's figure beside its station's is itself a total).
  const counted = 'p.rid NOT IN (SELECT total_rid FROM file_pairs)';
  // The parts' rows where the sender sees them (a DHIS2 or ADX file's own rows), the first five.
  const partRows = `(SELECT string_agg(r::VARCHAR, ', ' ORDER BY r) FROM (
      SELECT COALESCE((SELECT min(o.source_row) FROM stage_origins o WHERE o.row_number = x.rid AND o.column_name IN ('unit', 'facility')), x.rid) AS r
      FROM (SELECT unnest(s.part_rids[1:5]) AS rid) x))`;
  return `
  SELECT t.rid, t.column_name, t.code,
    CASE WHEN s.comparable THEN 'total_with_parts' ELSE 'total_with_parts_uncompared' END,
    json_object('total', ${figureText('t', 't.kind')}, 'sum', ${figureText('s', 't.kind')}, 'parts', s.parts,
      'part_rows', ${partRows} || CASE WHEN s.parts > 5 THEN ', …' ELSE '' END)
  FROM file_totals t JOIN (${compareSql('file_totals', 'file_figures', 'SELECT * FROM file_pairs', counted)}) s ON s.rid = t.rid
  WHERE NOT ${equalSql('t', 's')}`;
}

export async function fileGrainOverlaps(connection: DuckDBConnection): Promise<string> {
  // Series at more than one grain first (a small table, usually empty), so only their rows are range-joined.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE file_mixed_series AS
     SELECT indicator_id, unit_id, facility_id, subgroup_key FROM checked
     WHERE indicator_id IS NOT NULL AND unit_id IS NOT NULL AND grain IS NOT NULL
     GROUP BY ALL HAVING count(DISTINCT grain) > 1`,
  );
  const mixed = `(SELECT c.*, COALESCE((SELECT min(o.source_row) FROM stage_origins o WHERE o.row_number = c.row_number AND o.column_name = 'period'), c.row_number) AS sender_row
    FROM checked c SEMI JOIN file_mixed_series m ON m.indicator_id = c.indicator_id AND m.unit_id = c.unit_id
      AND m.facility_id IS NOT DISTINCT FROM c.facility_id AND m.subgroup_key = c.subgroup_key WHERE c.grain IS NOT NULL)`;
  return `
  SELECT c.row_number, 'period', c.period, 'grain_conflict_in_file',
    json_object('other_row', min(o.sender_row), 'grain_vi', ${words('arg_min(o.grain, o.sender_row)', 'vi')}, 'grain_en', ${words('arg_min(o.grain, o.sender_row)', 'en')})
  FROM ${mixed} c JOIN ${mixed} o ON o.indicator_id = c.indicator_id AND o.unit_id = c.unit_id
    AND o.facility_id IS NOT DISTINCT FROM c.facility_id AND o.subgroup_key = c.subgroup_key
    AND o.period_end - o.period_start < c.period_end - c.period_start
    AND o.period_start <= c.period_end AND c.period_start <= o.period_end
  GROUP BY c.row_number, c.period`;
}
