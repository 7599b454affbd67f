/**
 * The monthly summary of flows: figures of a month or finer, of indicators that add up over
 * time (counts, ratios with over_time = sum), summed per indicator, unit, reporting facility kind,
 * subgroup and month. Views of units over months or coarser read it instead of millions of
 * facility rows; it is kept exact inside each batch's transaction by recomputing only the keys
 * the batch touched. Views of single facilities read the facts themselves.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** A fact's month: its first day's, or for a week its Thursday's (as ISO places weeks). */
export const MONTH_OF_FACT = `date_trunc('month', CASE WHEN f.grain = 'week' THEN f.period_start + 3 ELSE f.period_start END)::DATE`;

/** Facts the summary holds. (Not a total kept as a check, counted-once.ts: COUNTED, apart so that shipped migrations keep their meaning.) */
export const SUMMARISED = `f.grain <= 'month'::grain
  AND f.indicator_id IN (SELECT id FROM indicators WHERE kind = 'count' OR (kind = 'ratio' AND over_time = 'sum'))`;

/** A fact that counts: not a total kept as a check (counted-once.ts). */
export const COUNTED = 'NOT f.is_check';

const KEY = 'f.indicator_id, f.unit_id, fa.kind, f.subgroup';

/** The summary rows of the facts matching `where`. */
export const summary = (where: string) => `
  SELECT f.indicator_id, f.unit_id, fa.kind AS facility_kind, f.subgroup, ${MONTH_OF_FACT} AS month,
    sum(f.numerator) FILTER (WHERE f.denominator IS NOT NULL) AS numerator,
    sum(f.denominator) FILTER (WHERE f.numerator IS NOT NULL) AS denominator,
    sum(f.value) AS value,
    count(*)::INTEGER AS facts,
    count(*) FILTER (WHERE f.numerator IS NULL)::INTEGER AS uncounted,
    any_value(f.value) FILTER (WHERE f.numerator IS NULL) AS lone_rate,
    bool_or(f.is_demo) AS is_demo,
    -- Who sent a figure that counts (a count's value; a ratio's counts, not a rate alone): facilities, or the unit itself (coverage).
    count(DISTINCT COALESCE(f.facility_id, -1)) FILTER (WHERE f.numerator IS NOT NULL OR f.indicator_id IN (SELECT id FROM indicators WHERE kind = 'count'))::INTEGER AS reporters
  FROM facts f LEFT JOIN facilities fa ON fa.id = f.facility_id
  WHERE ${SUMMARISED} AND ${where}
  GROUP BY ALL`;

export const CREATE_FACT_MONTHS = `
  CREATE TABLE fact_months (
    indicator_id SMALLINT NOT NULL, unit_id INTEGER NOT NULL, facility_kind VARCHAR, subgroup VARCHAR NOT NULL,
    month DATE NOT NULL, numerator DOUBLE, denominator DOUBLE, value DOUBLE,
    facts INTEGER NOT NULL, uncounted INTEGER NOT NULL, lone_rate DOUBLE, is_demo BOOLEAN NOT NULL, reporters INTEGER DEFAULT 0
  );`;

export async function rebuildFactMonths(connection: DuckDBConnection): Promise<void> {
  await connection.run('DELETE FROM fact_months');
  await connection.run(`INSERT INTO fact_months ${summary(COUNTED)} ORDER BY 1, 5, 2`);
}

export async function startMonthKeys(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE month_keys (indicator_id SMALLINT, unit_id INTEGER, facility_kind VARCHAR, subgroup VARCHAR, month DATE)',
  );
}

/** Notes the summary keys of facts about to change (call before deleting, and for new rows). */
export async function noteMonths(connection: DuckDBConnection, factsSql: string): Promise<void> {
  await connection.run(
    `INSERT INTO month_keys SELECT DISTINCT ${KEY}, ${MONTH_OF_FACT}
     FROM (${factsSql}) f LEFT JOIN facilities fa ON fa.id = f.facility_id WHERE ${SUMMARISED}`,
  );
}

/** Recomputes the noted keys from the facts as they now stand. */
export async function refreshMonths(connection: DuckDBConnection): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE month_keys_distinct AS SELECT DISTINCT * FROM month_keys');
  const same = (a: string, b: string) =>
    `${a}.indicator_id = ${b}.indicator_id AND ${a}.unit_id = ${b}.unit_id AND ${a}.facility_kind IS NOT DISTINCT FROM ${b}.facility_kind
     AND ${a}.subgroup = ${b}.subgroup AND ${a}.month = ${b}.month`;
  await connection.run(`DELETE FROM fact_months m WHERE EXISTS (SELECT 1 FROM month_keys_distinct k WHERE ${same('m', 'k')})`);
  // Scan only the indicators and days the keys cover (a week may start 3 days before its month).
  await connection.run(
    `INSERT INTO fact_months
     SELECT s.* FROM (${summary(`${COUNTED} AND f.indicator_id IN (SELECT DISTINCT indicator_id FROM month_keys_distinct)
         AND f.period_start >= (SELECT min(month) - 3 FROM month_keys_distinct)
         AND f.period_start < (SELECT max(month) + INTERVAL 1 MONTH FROM month_keys_distinct)`)}) s
     SEMI JOIN month_keys_distinct k ON ${same('s', 'k')}
     ORDER BY 1, 5, 2`,
  );
}
