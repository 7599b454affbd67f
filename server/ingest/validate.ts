/**
 * Checks the staged rows against the catalogue and the units, all in SQL so a million rows
 * take about a second. Leaves two temp tables: `checked` (every staged row, resolved to ids)
 * and `rejections` (row, column, value, code, params), one row per fault found.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { parsePeriod, periodEnd, suggestPeriod, today, YEARS, type PeriodError } from '../../data/schema/period.ts';
import type { Reorganisation } from '../../data/schema/pack.ts';
import type { Rejection } from '../../data/schema/rejection.ts';
import { DECIMAL, THOUSANDS_LOOKALIKE, WHOLE, numberFaultSql } from '../../data/schema/number-text.ts';
import { CURRENT_ERA } from '../store/sync-reference.ts';
import { rows } from '../store/store.ts';
import { SENDERS_FIELD, SENDERS_ROW, WITH_ORIGINS } from './commit.ts';
import { fileGrainOverlaps, fileTotalsWithParts } from './counted-once-checks.ts';
import { serialToDay } from './xlsx/number-format.ts';

/** Larger figures are typing errors, not health statistics (and lose precision as doubles). */
const MAX_NUMBER = 1e15;

export interface ValidationContext {
  timezone: string;
  reorganisation: Reorganisation;
  /** Demo figures never conflict with real ones: they give way (see commit.ts). */
  demo: boolean;
  /**
   * Former provinces that are only a part of today's (merged provinces: formerProvinceParts),
   * whose codes are refused for what they are, not as unknown; and today's province's name.
   */
  formerParts: { code: string; name: string }[];
  province: string;
  now?: Date;
}

/** Why a period text names no period, as a rejection code and its parameters. */
function periodFault(text: string, error: PeriodError): { code: string; params: Record<string, string | number> } {
  // A date cell exported as its serial number (45292 is 2024-01-01).
  if (/^\d{5}$/.test(text.trim()) && Number(text) >= 20_000 && Number(text) < 80_000)
    return { code: 'period_excel_serial', params: { day: serialToDay(Number(text), false) } };
  if (error.reason === 'date') return { code: 'no_such_date', params: {} };
  if (error.reason === 'week') return { code: 'no_such_week', params: { year: error.year!, weeks: error.weeks! } };
  if (error.reason === 'year') return { code: 'period_year', params: { min: YEARS.min, max: YEARS.max } };
  const suggestion = suggestPeriod(text);
  return suggestion ? { code: 'period_looks_like', params: { suggestion } } : { code: 'bad_period', params: {} };
}

/** Parses each distinct period once, in TypeScript: the one implementation of the notation. */
async function stagePeriods(connection: DuckDBConnection, context: ValidationContext): Promise<void> {
  const todayText = today(context.timezone, context.now);
  const texts = await rows<{ period: string }>(connection, 'SELECT DISTINCT period FROM stage WHERE period IS NOT NULL');
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE stage_periods (text VARCHAR, grain grain, period_start DATE, period_end DATE, error_code VARCHAR, error_params JSON)`,
  );
  const appender = await connection.createAppender('stage_periods', 'main', 'temp');
  for (const { period } of texts) {
    const parsed = parsePeriod(period);
    appender.appendVarchar(period);
    if ('error' in parsed) {
      const fault = periodFault(period, parsed);
      for (let i = 0; i < 3; i++) appender.appendNull();
      appender.appendVarchar(fault.code);
      appender.appendVarchar(JSON.stringify(fault.params));
    } else {
      appender.appendVarchar(parsed.grain);
      appender.appendVarchar(parsed.start);
      appender.appendVarchar(periodEnd(parsed));
      if (parsed.start > todayText) {
        appender.appendVarchar('future_period');
        appender.appendVarchar(JSON.stringify({ today: todayText }));
      } else {
        appender.appendNull();
        appender.appendNull();
      }
    }
    appender.endRow();
  }
  appender.closeSync();
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Is a column's cell whole-only? Counts, numerators and denominators always; a value unless it is a rate. */
const wholeOnly = (column: string) => (column === 'value' ? `(i.kind IS DISTINCT FROM 'ratio')` : 'true');
/** A rate that also reads as a thousand-grouped whole number (see number-text.ts). */
const ambiguousRate = (text: string) =>
  `(regexp_full_match(${text}, ${literal(THOUSANDS_LOOKALIKE)})
    AND NOT COALESCE(i.part_of_whole AND replace(${text}, '.', '')::DOUBLE > i.factor, false))`;
// A count from a percent-formatted cell has no number: 12 shown 1200% could be either (count_percent_cell).
const number = (column: string) => `
  CASE WHEN ${wholeOnly(column)} THEN CASE WHEN pc.${column}_cell IS NULL AND regexp_full_match(s.${column}, ${literal(WHOLE)}) THEN TRY_CAST(s.${column} AS DOUBLE) END
       WHEN regexp_full_match(s.${column}, ${literal(DECIMAL)}) AND NOT ${ambiguousRate(`s.${column}`)} THEN TRY_CAST(s.${column} AS DOUBLE)
  END AS ${column}_number`;
/** Is a column's cell whole-only, in the checks over `checked`? */
const wholeCell = (column: string) => `(kind IS DISTINCT FROM 'ratio' OR '${column}' <> 'value')`;
/** Figures read from percent-formatted cells (stage.ts), a row each, beside the staged row. */
const PERCENT_CELLS = `(SELECT row_number,
    ${['numerator', 'denominator', 'value']
      .map((c) => `any_value(cell) FILTER (WHERE column_name = '${c}') AS ${c}_cell, any_value(holds) FILTER (WHERE column_name = '${c}') AS ${c}_holds`)
      .join(', ')}
  FROM stage_percent_cells GROUP BY row_number)`;
/** A rate × 100 as a decimal text (0.9728 → 97.28), for the message of a rate that looks like a fraction. */
const percentText = (column: string) => `rtrim(rtrim(CAST(round(${column} * 100, 8) AS DECIMAL(18, 8))::VARCHAR, '0'), '.')`;

/** Why a number cell that did not read is refused (the SQL twin of readNumber). */
const numberFault = (column: string) => `
  CASE WHEN kind IS DISTINCT FROM 'ratio' OR '${column}' <> 'value' OR NOT regexp_full_match(${column}, ${literal(DECIMAL)})
       THEN ${numberFaultSql(column, `(kind IS DISTINCT FROM 'ratio' OR '${column}' <> 'value')`)}
       ELSE 'number_ambiguous_point' END`;

/**
 * A real figure whose days overlap a real figure of the same series (indicator, unit, facility,
 * subgroup) at another grain would be counted twice by rollups. The series whose stored grains
 * differ from the file's are found first (a small table, usually empty), and only their rows
 * are range-joined, so that re-sending a million figures stays a hash join.
 */
async function findGrainConflicts(connection: DuckDBConnection): Promise<string> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE mixed_series AS
     SELECT DISTINCT f.indicator_id, f.unit_id, f.facility_id, f.subgroup
     FROM facts f
     JOIN (SELECT DISTINCT indicator_id, unit_id, facility_id, subgroup_key, grain FROM checked WHERE grain IS NOT NULL) n
       ON f.indicator_id = n.indicator_id AND f.unit_id = n.unit_id AND f.facility_id IS NOT DISTINCT FROM n.facility_id
       AND f.subgroup = n.subgroup_key AND f.grain <> n.grain
     WHERE NOT f.is_demo`,
  );
  return `
  SELECT DISTINCT c.row_number, 'period', c.period, 'grain_conflict', json_object('existing_grain', f.grain::VARCHAR)
  FROM (SELECT c.* FROM checked c SEMI JOIN mixed_series m ON m.indicator_id = c.indicator_id AND m.unit_id = c.unit_id
          AND m.facility_id IS NOT DISTINCT FROM c.facility_id AND m.subgroup = c.subgroup_key) c
  JOIN facts f ON f.indicator_id = c.indicator_id AND f.unit_id = c.unit_id AND f.facility_id IS NOT DISTINCT FROM c.facility_id
    AND f.subgroup = c.subgroup_key AND f.grain <> c.grain AND NOT f.is_demo
    AND f.period_start <= c.period_end AND c.period_start <= f.period_end`;
}

export async function validateStage(connection: DuckDBConnection, context: ValidationContext): Promise<void> {
  await stagePeriods(connection, context);
  const { date, formerEra } = context.reorganisation;
  const todayText = today(context.timezone, context.now);
  const era = `CASE WHEN p.period_start < $1::DATE THEN $2 ELSE $3 END`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE checked AS
     SELECT s.*,
       i.id AS indicator_id, i.kind, i.factor, i.part_of_whole, i.level_min, i.level_max,
       i.total_dimension,
       p.grain, p.period_start, p.period_end, p.error_code AS period_error, p.error_params AS period_params,
       ${era} AS era,
       f.id AS facility_id, f.kind AS facility_kind, f.unit_id AS facility_unit_id,
       uc.unit_id AS named_unit_id,
       COALESCE(f.unit_id, uc.unit_id) AS unit_id,
       COALESCE(s.subgroup, '') AS subgroup_key,
       pc.* EXCLUDE (row_number),
       ${number('numerator')}, ${number('denominator')}, ${number('value')},
       CASE WHEN regexp_full_match(s.reported_on, '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(s.reported_on AS DATE) END AS reported_on_date,
       $4::DATE AS today
     FROM stage s
     -- With the dimension a total adds up over when it comes disaggregated (the first declared).
     LEFT JOIN (SELECT *, json_keys(spec -> 'subgroups')[1] AS total_dimension FROM indicators) i ON i.code = s.indicator
     LEFT JOIN stage_periods p ON p.text = s.period
     LEFT JOIN facilities f ON f.code = s.facility
     LEFT JOIN unit_codes uc ON uc.code = s.unit
       AND uc.era = ${era}
     LEFT JOIN ${PERCENT_CELLS} pc ON pc.row_number = s.row_number`,
    [date, formerEra, CURRENT_ERA, todayText],
  );

  // Each check: the faulty rows, the column, the offending text, a code and its parameters.
  const checks: string[] = [
    `SELECT row_number, 'indicator', NULL, 'missing', '{}' FROM checked WHERE indicator IS NULL`,
    `SELECT row_number, 'indicator', indicator, 'unknown_indicator', '{}' FROM checked WHERE indicator IS NOT NULL AND indicator_id IS NULL`,
    `SELECT row_number, 'period', NULL, 'missing', '{}' FROM checked WHERE period IS NULL`,
    `SELECT row_number, 'period', period, period_error, period_params FROM checked WHERE period_error IS NOT NULL`,
    `SELECT row_number, 'unit', NULL, 'no_entity', '{}' FROM checked WHERE unit IS NULL AND facility IS NULL`,
    `SELECT row_number, 'reported_on', reported_on, 'bad_date', '{}' FROM checked WHERE reported_on IS NOT NULL AND reported_on_date IS NULL`,
    // Text a spreadsheet would run as a formula when the data is exported again (CSV injection).
    `SELECT row_number, 'source', left(source, 1), 'formula_text', '{}' FROM checked WHERE regexp_matches(source, '^[=+\\-@\t\r]')`,
    `SELECT row_number, 'reported_on', reported_on, 'future_date', json_object('today', today::VARCHAR) FROM checked WHERE reported_on_date > today`,
    `SELECT row_number, 'reported_on', reported_on, 'reported_before_period', json_object('period', period)
     FROM checked WHERE reported_on_date < period_start`,
    `SELECT row_number, 'facility', facility, 'unknown_facility', '{}' FROM checked WHERE facility IS NOT NULL AND facility_id IS NULL`,
    `SELECT row_number, 'unit', unit, 'unknown_unit', json_object('era', era,
       'list_vi', CASE era WHEN '${CURRENT_ERA}' THEN 'danh mục đơn vị hiện hành (từ ngày ' || strftime($1::DATE, '%d/%m/%Y') || ')'
                  ELSE 'danh mục đơn vị năm ' || era || ' (dùng cho các kỳ trước ngày ' || strftime($1::DATE, '%d/%m/%Y') || ')' END,
       'list_en', CASE era WHEN '${CURRENT_ERA}' THEN 'the current unit list (from ' || $1 || ')'
                  ELSE 'the ' || era || ' unit list (for periods before ' || $1 || ')' END)
     FROM checked WHERE unit IS NOT NULL AND named_unit_id IS NULL AND period_start IS NOT NULL
       AND NOT (era <> '${CURRENT_ERA}' AND unit IN (SELECT code FROM former_parts))`,
    // A merged province's former part: its total is not today's province's.
    `SELECT c.row_number, 'unit', c.unit, 'former_province_part', json_object('name', p.name, 'province', $2)
     FROM checked c JOIN former_parts p ON p.code = c.unit
     WHERE c.named_unit_id IS NULL AND c.period_start IS NOT NULL AND c.era <> '${CURRENT_ERA}'`,
    `SELECT c.row_number, 'unit', c.unit, 'facility_not_in_unit', json_object('facility', c.facility, 'facility_unit', u.code)
     FROM checked c JOIN units u ON u.id = c.facility_unit_id
     WHERE c.named_unit_id IS NOT NULL AND c.facility_unit_id IS NOT NULL AND c.named_unit_id <> c.facility_unit_id`,
    `SELECT c.row_number, CASE WHEN c.facility_id IS NULL THEN 'unit' ELSE 'facility' END, COALESCE(c.facility, c.unit),
       'wrong_reporter', json_object('indicator', c.indicator, 'reporter', COALESCE(c.facility_kind, 'unit'),
         'allowed', (SELECT string_agg(reporter, ', ' ORDER BY reporter) FROM indicator_reporters r WHERE r.indicator_id = c.indicator_id))
     FROM checked c
     WHERE c.indicator_id IS NOT NULL AND c.unit_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM indicator_reporters r WHERE r.indicator_id = c.indicator_id AND r.reporter = COALESCE(c.facility_kind, 'unit'))`,
    `SELECT c.row_number, 'subgroup', c.subgroup, 'unknown_subgroup', json_object('indicator', c.indicator,
       'allowed', COALESCE((SELECT string_agg(subgroup, ', ' ORDER BY subgroup) FROM indicator_subgroups g WHERE g.indicator_id = c.indicator_id), '—'))
     FROM checked c
     WHERE c.subgroup IS NOT NULL AND c.indicator_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM indicator_subgroups g WHERE g.indicator_id = c.indicator_id AND g.subgroup = c.subgroup)`,
  ];
  for (const column of ['numerator', 'denominator', 'value'])
    checks.push(
      `SELECT row_number, '${column}', ${column}, ${numberFault(column)}, '{}'
       FROM checked WHERE ${column} IS NOT NULL AND ${column}_number IS NULL AND NOT (${column}_cell IS NOT NULL AND ${wholeCell(column)})`,
      // A count in a percent-formatted cell: 12 shown as 1200% is neither read as 12 nor as 1200.
      `SELECT row_number, '${column}', ${column}, 'count_percent_cell', json_object('cell', ${column}_cell, 'raw', ${column}_holds)
       FROM checked WHERE ${column}_cell IS NOT NULL AND ${wholeCell(column)}`,
      `SELECT row_number, '${column}', ${column}, 'too_large', '{}' FROM checked WHERE ${column}_number > ${MAX_NUMBER}`,
    );
  checks.push(
    // Ratios: counts, or at least the rate; counts that agree with the rate.
    `SELECT row_number, 'numerator', NULL, 'ratio_needs_counts', '{}' FROM checked
     WHERE kind = 'ratio' AND numerator IS NULL AND denominator IS NULL AND value IS NULL`,
    `SELECT row_number, CASE WHEN numerator IS NULL THEN 'numerator' ELSE 'denominator' END, NULL, 'counts_go_together', '{}'
     FROM checked WHERE kind = 'ratio' AND (numerator IS NULL) <> (denominator IS NULL)`,
    `SELECT row_number, 'denominator', denominator, 'zero_denominator', '{}' FROM checked
     WHERE kind = 'ratio' AND denominator_number = 0`,
    `SELECT row_number, 'numerator', numerator, 'numerator_exceeds_denominator', json_object('denominator', denominator)
     FROM checked WHERE kind = 'ratio' AND part_of_whole AND numerator_number > denominator_number`,
    // A rate sent without counts is plausible at the door: a part of a whole is at most its factor
    // (100%), and a percentage of 1 or less is most likely a fraction (0.9728 for 97.28%) unless the
    // row says it is in percent (rate_unit %) or its cell is percent-formatted. 0 reads the same either way.
    `SELECT row_number, 'value', value, 'rate_above_whole', json_object('max', factor, 'indicator', indicator)
     FROM checked WHERE kind = 'ratio' AND part_of_whole AND numerator IS NULL AND denominator IS NULL AND value_number > factor`,
    `SELECT row_number, 'value', value, 'rate_looks_like_fraction',
       json_object('percent', ${percentText('value_number')}, 'percent_vi', replace(${percentText('value_number')}, '.', ','), 'value_vi', replace(value, '.', ','))
     FROM checked WHERE kind = 'ratio' AND factor = 100 AND numerator IS NULL AND denominator IS NULL
       AND value_number > 0 AND value_number <= 1 AND rate_unit IS DISTINCT FROM '%' AND value_cell IS NULL`,
    `SELECT row_number, 'rate_unit', rate_unit, 'bad_rate_unit', '{}' FROM checked WHERE rate_unit <> '%'`,
    `SELECT row_number, 'rate_unit', rate_unit, 'rate_unit_not_percentage', json_object('indicator', indicator)
     FROM checked WHERE rate_unit = '%' AND indicator_id IS NOT NULL AND (kind <> 'ratio' OR factor <> 100)`,
    // A reported rate agrees with its counts to the precision it is written with: "94" may
    // stand for 93.5–94.5, "94.45" for 94.445–94.455.
    `SELECT row_number, 'value', value, 'value_mismatch',
       json_object('factor', factor, 'expected', round(numerator_number / denominator_number * factor, 2))
     FROM checked WHERE kind = 'ratio' AND denominator_number > 0 AND value_number IS NOT NULL
       AND abs(numerator_number / denominator_number * factor - value_number)
         > 0.5 * pow(10, -length(regexp_extract(value, '\\.(\\d+)$', 1))) + 1e-9`,
    // Counts, stocks and levels: a value, never counts.
    `SELECT row_number, 'value', NULL, 'missing', '{}' FROM checked WHERE kind IN ('count', 'stock', 'level') AND value IS NULL`,
    `SELECT row_number, CASE WHEN numerator IS NOT NULL THEN 'numerator' ELSE 'denominator' END, COALESCE(numerator, denominator),
       'counts_not_allowed', '{}'
     FROM checked WHERE kind IN ('count', 'stock', 'level') AND (numerator IS NOT NULL OR denominator IS NOT NULL)`,
    `SELECT row_number, 'value', value, 'level_out_of_scale', json_object('min', level_min, 'max', level_max) FROM checked
     WHERE kind = 'level' AND value_number IS NOT NULL
       AND (value_number <> floor(value_number) OR value_number < level_min OR value_number > level_max)`,
    // The same figure twice in one file: the later rows are rejected, naming the first.
    `SELECT row_number, 'period', period, 'duplicate_row', json_object('first_row', first_row) FROM (
       SELECT row_number, period, first_value(row_number) OVER key AS first_row FROM checked
       WHERE indicator_id IS NOT NULL AND unit_id IS NOT NULL AND grain IS NOT NULL
       WINDOW key AS (PARTITION BY indicator_id, unit_id, facility_id, subgroup_key, grain, period_start ORDER BY row_number)
     ) WHERE row_number <> first_row`,
    // A total and its breakdown for one reporter and period in one file: the total would count
    // twice, and which the sender meant is not known. (Across batches, the newer form replaces.)
    `SELECT t.row_number, 'subgroup', NULL, 'total_and_breakdown', json_object('dimension', t.total_dimension, 'breakdown_row', min(b.row_number))
     FROM (SELECT * FROM checked WHERE subgroup_key = '' AND total_dimension IS NOT NULL) t
     JOIN (SELECT *, split_part(subgroup_key, ':', 1) AS dimension FROM checked WHERE subgroup_key <> '') b
       ON b.indicator_id = t.indicator_id AND b.unit_id = t.unit_id AND b.facility_id IS NOT DISTINCT FROM t.facility_id
       AND b.grain = t.grain AND b.period_start = t.period_start AND b.dimension = t.total_dimension
     GROUP BY t.row_number, t.total_dimension`,
  );
  if (!context.demo) checks.push(await findGrainConflicts(connection));
  // Counted once in the file: a total with figures under it, a series at two grains over the same days.
  checks.push(await fileTotalsWithParts(connection), await fileGrainOverlaps(connection));
  await connection.run('CREATE OR REPLACE TEMP TABLE former_parts (code VARCHAR, name VARCHAR)');
  for (const part of context.formerParts) await connection.run('INSERT INTO former_parts VALUES ($1, $2)', [part.code, part.name]);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE rejections AS
     SELECT * FROM (${checks.join('\nUNION ALL\n')}) AS r(row_number, column_name, value, code, params)`,
    [date, context.province],
  );
}

export async function readRejections(connection: DuckDBConnection, limit: number): Promise<Rejection[]> {
  const found = await rows<{ row_number: number; column_name: string; value: string | null; code: string; params: string }>(
    connection,
    `SELECT ${SENDERS_ROW} AS row_number, ${SENDERS_FIELD} AS column_name, r.value, r.code, r.params::VARCHAR AS params
     FROM rejections r ${WITH_ORIGINS} ORDER BY 1, 2 LIMIT ${limit}`,
  );
  return found.map((r) => ({
    row: r.row_number,
    column: r.column_name,
    value: r.value,
    code: r.code as Rejection['code'],
    params: JSON.parse(r.params) as Rejection['params'],
  }));
}
