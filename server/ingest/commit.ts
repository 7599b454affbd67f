/**
 * Lands a validated batch in one transaction: all of it, or (when the sender asked for it)
 * its good rows only, or nothing. Which figure wins when one is already stored:
 * - same natural key (indicator, unit, facility, subgroup, grain, period): the new figure
 *   replaces the old, except that a demo figure never replaces a real one (it is skipped);
 * - the same figure in the other form (a total where its breakdown by the total dimension is
 *   stored, or the reverse): the new form replaces the old, so a total never counts twice;
 * - overlapping days at another grain (whose rollups would count both): the new figure replaces
 *   demo ones (two real ones of one series are rejected in validation);
 * - a total and figures under it (counted-once.ts): both are kept, the total as a check, never
 *   added to them, whichever came first;
 * - real and demo figures of one indicator over overlapping days, anywhere in the province: the
 *   real ones stand alone, so a period with real figures reads exactly as its document (a real
 *   figure removes the demo ones it overlaps; a demo figure that overlaps a real one is skipped).
 * Everything replaced is logged in replaced_facts against the batch.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { auditIn } from '../store/audit.ts';
import { AROUND_CHANGED, markChecks } from '../store/counted-once.ts';
import { noteMonths, refreshMonths, startMonthKeys } from '../store/fact-months.ts';
import { inTransaction, rows, type BatchFootprint } from '../store/store.ts';

/**
 * Fault injection for the crash tests only: hold each landing batch's transaction open this long
 * after its figures are written and before COMMIT, so a test can kill the server inside it.
 */
const COMMIT_HOLD_MS = Number(process.env.IOC_FAULT_COMMIT_HOLD_MS ?? 0);

/**
 * A rejection where the sender sees it: the staged row and column, or for a file in another format
 * (DHIS2, ADX) the row and field of the value that cell came from. Landing decides on staged rows.
 */
export const WITH_ORIGINS = 'LEFT JOIN stage_origins o ON o.row_number = r.row_number AND o.column_name = r.column_name';
export const SENDERS_ROW = 'COALESCE(o.source_row, r.row_number)';
export const SENDERS_FIELD = 'COALESCE(o.source_field, r.column_name)';

export interface BatchMeta {
  channel: 'upload' | 'cli' | 'generator' | 'pack';
  submittedBy: string;
  fileName: string;
  source: string | null;
  demo: boolean;
  acceptPartial: boolean;
}

export interface BatchCounts {
  id: number;
  /** What landed and what it replaced; null when nothing landed. */
  footprint: BatchFootprint | null;
  status: 'committed' | 'rejected';
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsReplaced: number;
  rowsSkipped: number;
}

const sameSeries = (a: string, b: string) => `
  ${a}.indicator_id = ${b}.indicator_id AND ${a}.unit_id = ${b}.unit_id
  AND ${a}.facility_id IS NOT DISTINCT FROM ${b}.facility_id AND ${a}.subgroup = ${b}.subgroup`;

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  const [r] = await rows<{ n: number }>(connection, `SELECT (${sql})::INTEGER AS n`);
  return r!.n;
}

async function landFacts(connection: DuckDBConnection, batchId: number, meta: BatchMeta, receivedOn: string): Promise<{ replaced: number; skipped: number }> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE incoming AS
     SELECT c.row_number, c.indicator_id, c.unit_id, c.facility_id, c.subgroup_key AS subgroup, c.total_dimension, c.grain,
       c.period_start, c.period_end, c.numerator_number AS numerator, c.denominator_number AS denominator,
       CASE WHEN c.kind = 'ratio' AND c.denominator_number > 0 THEN c.numerator_number / c.denominator_number * c.factor
            ELSE c.value_number END AS value,
       COALESCE(c.source, $1) AS source,
       COALESCE(c.reported_on_date, $2::DATE) AS reported_on
     FROM checked c ANTI JOIN rejections r ON r.row_number = c.row_number`,
    [meta.source, receivedOn],
  );
  // Stored facts this batch touches, by the rules above. Each part is pre-filtered so that common
  // batches stay hash joins, and demo against real joins only distinct spans of days.
  // Series stored at another grain than the batch's: a small table first, so the range join
  // below starts from it rather than from every incoming row.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE mixed_series AS
     SELECT DISTINCT f.indicator_id, f.unit_id, f.facility_id, f.subgroup
     FROM facts f JOIN (SELECT DISTINCT indicator_id, unit_id, facility_id, subgroup, grain FROM incoming) n
       ON ${sameSeries('f', 'n')} AND f.grain <> n.grain`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE touched AS
     SELECT i.row_number, f.rowid AS fact_rowid, f.is_demo AS fact_demo
     FROM incoming i JOIN facts f ON ${sameSeries('f', 'i')} AND f.grain = i.grain AND f.period_start = i.period_start
     UNION
     -- The same figure in the other form: a total replaces its stored breakdown, and a breakdown the stored total.
     SELECT i.row_number, f.rowid, f.is_demo
     FROM (SELECT * FROM incoming WHERE total_dimension IS NOT NULL) i
     JOIN facts f ON f.indicator_id = i.indicator_id AND f.unit_id = i.unit_id
       AND f.facility_id IS NOT DISTINCT FROM i.facility_id AND f.grain = i.grain AND f.period_start = i.period_start
       AND (f.subgroup = '') <> (i.subgroup = '') AND split_part(f.subgroup || i.subgroup, ':', 1) = i.total_dimension
     UNION
     SELECT i.row_number, f.rowid, f.is_demo
     FROM (SELECT i.* FROM incoming i SEMI JOIN mixed_series m ON ${sameSeries('m', 'i')}) i
     JOIN facts f ON ${sameSeries('f', 'i')} AND f.grain <> i.grain
       AND f.period_start <= i.period_end AND i.period_start <= f.period_end
     UNION
     -- Demo against real: the demo side of any overlap in days of the same indicator, anywhere in the
     -- province (a demo batch's rows that would give way; a real batch's demo facts to remove).
     ${meta.demo
       ? `SELECT i.row_number, NULL, false FROM incoming i JOIN (
            SELECT DISTINCT indicator_id, period_start, period_end FROM facts
            WHERE NOT is_demo AND indicator_id IN (SELECT DISTINCT indicator_id FROM incoming)) r
          ON r.indicator_id = i.indicator_id AND r.period_start <= i.period_end AND i.period_start <= r.period_end`
       : `SELECT NULL, f.rowid, true FROM facts f JOIN (SELECT DISTINCT indicator_id, period_start, period_end FROM incoming) i
          ON f.indicator_id = i.indicator_id AND f.period_start <= i.period_end AND i.period_start <= f.period_end
          WHERE f.is_demo`}`,
  );
  // A demo figure gives way to any real one it touches.
  const skipped = meta.demo
    ? await count(connection, 'SELECT count(DISTINCT row_number) FROM touched WHERE NOT fact_demo')
    : 0;
  if (meta.demo) await connection.run('DELETE FROM incoming WHERE row_number IN (SELECT row_number FROM touched WHERE NOT fact_demo)');
  const replacing = meta.demo ? 'fact_demo AND row_number IN (SELECT row_number FROM incoming)' : 'true';
  await connection.run(
    `INSERT INTO replaced_facts
     SELECT $1, batch_id, indicator_id, unit_id, facility_id, subgroup, grain, period_start, numerator, denominator, value, is_demo
     FROM facts WHERE rowid IN (SELECT fact_rowid FROM touched WHERE ${replacing})`,
    [batchId],
  );
  const replaced = await count(connection, `SELECT count(DISTINCT fact_rowid) FROM touched WHERE ${replacing}`);
  await startMonthKeys(connection);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE changed AS
     SELECT indicator_id, unit_id, period_start, period_end FROM facts WHERE rowid IN (SELECT fact_rowid FROM touched WHERE ${replacing})
     UNION ALL SELECT indicator_id, unit_id, period_start, period_end FROM incoming`,
  );
  await noteMonths(connection, `SELECT * FROM facts WHERE rowid IN (SELECT fact_rowid FROM touched WHERE ${replacing})`);
  await connection.run(`DELETE FROM facts WHERE rowid IN (SELECT fact_rowid FROM touched WHERE ${replacing})`);
  await connection.run(
    `INSERT INTO facts
     SELECT indicator_id, unit_id, facility_id, subgroup, grain, period_start, period_end, numerator, denominator, value, $1, $2, source, reported_on, false
     FROM incoming ORDER BY indicator_id, unit_id, period_start`,
    [meta.demo, batchId],
  );
  await noteMonths(connection, 'SELECT * FROM incoming');
  // Counted once: totals over or at what changed become checks where figures under them are now
  // stored, and count again where none are left; they changed what views show too.
  if ((await markChecks(connection, AROUND_CHANGED)) > 0)
    await connection.run('INSERT INTO changed SELECT indicator_id, unit_id, period_start, period_end FROM facts WHERE rowid IN (SELECT rid FROM check_flips)');
  await refreshMonths(connection);
  return { replaced, skipped };
}

/** `receivedOn`: today in the pack's time zone, the reporting day of figures whose file gives none. */
export async function commitBatch(connection: DuckDBConnection, meta: BatchMeta, rowsTotal: number, receivedOn: string): Promise<BatchCounts> {
  const counts = await inTransaction(connection, async (): Promise<BatchCounts> => {
    const [{ id }] = (await rows<{ id: number }>(connection, "SELECT nextval('batch_id_seq')::INTEGER AS id")) as [{ id: number }];
    const rejectedRows = await count(connection, 'SELECT count(DISTINCT row_number) FROM rejections WHERE row_number IS NOT NULL');
    const fileFault = (await count(connection, 'SELECT count(*) FROM rejections WHERE row_number IS NULL')) > 0;
    const lands = !fileFault && (rejectedRows === 0 || meta.acceptPartial) && rowsTotal > rejectedRows;
    const { replaced, skipped } = lands ? await landFacts(connection, id, meta, receivedOn) : { replaced: 0, skipped: 0 };
    const accepted = lands ? rowsTotal - rejectedRows - skipped : 0;
    const status: BatchCounts['status'] = lands ? 'committed' : 'rejected';
    await connection.run(
      `INSERT INTO batches (id, channel, submitted_by, file_name, source, is_demo, accept_partial, status,
         rows_total, rows_accepted, rows_rejected, rows_replaced, rows_skipped)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, meta.channel, meta.submittedBy, meta.fileName, meta.source, meta.demo, meta.acceptPartial, status,
        rowsTotal, accepted, rejectedRows, replaced, skipped],
    );
    await auditIn(connection, meta.submittedBy, 'batch', String(id), {
      channel: meta.channel,
      file: meta.fileName,
      status,
      rows: rowsTotal,
      accepted,
      replaced,
      demo: meta.demo,
    });
    await connection.run(
      // With the row's own words (indicator, unit, facility, period), so data quality can tell who sent what;
      // located where the sender put the cell (its row and field, for DHIS2 and ADX files).
      `INSERT INTO rejected_rows
       SELECT $1, ${SENDERS_ROW}, ${SENDERS_FIELD}, r.value, r.code, r.params, s.indicator, s.unit, s.facility, s.period
       FROM rejections r LEFT JOIN stage s ON s.row_number = r.row_number ${WITH_ORIGINS}`,
      [id],
    );
    const footprint = lands ? await footprintOf(connection, id) : null;
    if (COMMIT_HOLD_MS > 0) {
      console.log(`batch ${id}: written, holding its transaction open ${COMMIT_HOLD_MS} ms before COMMIT (IOC_FAULT_COMMIT_HOLD_MS)`);
      await new Promise((r) => setTimeout(r, COMMIT_HOLD_MS));
    }
    return { id, status, footprint, rowsTotal, rowsAccepted: accepted, rowsRejected: rejectedRows, rowsReplaced: replaced, rowsSkipped: skipped };
  });
  if (counts.footprint) counts.footprint.committedAt = Date.now();
  return counts;
}

/**
 * The indicators, units (and their ancestors) and days a batch changed, for live updates; and the
 * facts stored with it, counted in its transaction (~3 ms at 10M facts), so that /api/health
 * says so when the upload is answered, not one reading later.
 */
async function footprintOf(connection: DuckDBConnection, batchId: number): Promise<BatchFootprint> {
  const [r] = await rows<{ indicators: string[]; units: string[]; first: string; last: string; facts: number; at: string }>(
    connection,
    `SELECT (SELECT list(DISTINCT i.code) FROM changed c JOIN indicators i ON i.id = c.indicator_id) AS indicators,
       (SELECT list(DISTINCT u.code) FROM changed c JOIN unit_ancestors a ON a.unit_id = c.unit_id JOIN units u ON u.id = a.ancestor_id) AS units,
       (SELECT min(period_start)::VARCHAR FROM changed) AS first, (SELECT max(period_end)::VARCHAR FROM changed) AS last,
       (SELECT count(*) FROM facts)::INTEGER AS facts, (SELECT created_at::VARCHAR FROM batches WHERE id = $1) AS at`,
    [batchId],
  );
  return {
    batchId,
    committedAt: 0,
    indicators: r!.indicators ?? [],
    unitCodes: r!.units ?? [],
    from: r!.first,
    to: r!.last,
    stored: { facts: r!.facts, batchAt: r!.at },
  };
}
