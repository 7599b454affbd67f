/**
 * Lands a validated batch in one transaction: all of it, or (when the sender asked for it)
 * its good rows only, or nothing. Which figure wins when one is already stored:
 * - same natural key (indicator, unit, facility, subgroup, grain, period): the new figure
 *   replaces the old, except that a demo figure never replaces a real one (it is skipped);
 * - overlapping days at another grain, or at a unit above or below (whose rollups would
 *   count both): a real figure removes the demo figures it overlaps, and a demo figure that
 *   overlaps a real one is skipped (two real ones of one series are rejected in validation).
 * Everything replaced is logged in replaced_facts against the batch.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { auditIn } from '../store/audit.ts';
import { noteMonths, refreshMonths, startMonthKeys } from '../store/fact-months.ts';
import { inTransaction, rows, type BatchFootprint } from '../store/store.ts';

/**
 * Fault injection for the crash tests only: hold each landing batch's transaction open this long
 * after its figures are written and before COMMIT, so a test can kill the server inside it.
 */
const COMMIT_HOLD_MS = Number(process.env.IOC_FAULT_COMMIT_HOLD_MS ?? 0);

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
     SELECT c.row_number, c.indicator_id, c.unit_id, c.facility_id, c.subgroup_key AS subgroup, c.grain,
       c.period_start, c.period_end, c.numerator_number AS numerator, c.denominator_number AS denominator,
       CASE WHEN c.kind = 'ratio' AND c.denominator_number > 0 THEN c.numerator_number / c.denominator_number * c.factor
            ELSE c.value_number END AS value,
       COALESCE(c.source, $1) AS source,
       COALESCE(c.reported_on_date, $2::DATE) AS reported_on
     FROM checked c ANTI JOIN rejections r ON r.row_number = c.row_number`,
    [meta.source, receivedOn],
  );
  // Stored facts this batch touches: (a) the same key; (b) the same series at another grain
  // over overlapping days; (c) for demo against real, any unit of the lineage (ancestor,
  // descendant or itself) over overlapping days, since a rollup would count both. Each part is
  // pre-filtered so that common batches stay hash joins.
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
     SELECT i.row_number, f.rowid, f.is_demo
     FROM (SELECT i.* FROM incoming i SEMI JOIN mixed_series m ON ${sameSeries('m', 'i')}) i
     JOIN facts f ON ${sameSeries('f', 'i')} AND f.grain <> i.grain
       AND f.period_start <= i.period_end AND i.period_start <= f.period_end
     UNION
     SELECT i.row_number, f.rowid, f.is_demo
     FROM (SELECT rowid, * FROM facts
           WHERE is_demo <> $1 AND indicator_id IN (SELECT DISTINCT indicator_id FROM incoming)
             AND (facility_id IS NULL OR $1 OR EXISTS (SELECT 1 FROM incoming WHERE facility_id IS NULL))) f
     JOIN unit_relations r ON r.related_id = f.unit_id
     JOIN incoming i ON i.indicator_id = f.indicator_id AND i.unit_id = r.unit_id
       AND (f.facility_id IS NULL OR i.facility_id IS NULL OR f.facility_id = i.facility_id)
       AND f.period_start <= i.period_end AND i.period_start <= f.period_end`,
    [meta.demo],
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
     SELECT indicator_id, unit_id, facility_id, subgroup, grain, period_start, period_end, numerator, denominator, value, $1, $2, source, reported_on
     FROM incoming ORDER BY indicator_id, unit_id, period_start`,
    [meta.demo, batchId],
  );
  await noteMonths(connection, 'SELECT * FROM incoming');
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
      // With the row's own words (indicator, unit, facility, period), so data quality can tell who sent what.
      `INSERT INTO rejected_rows
       SELECT $1, r.row_number, r.column_name, r.value, r.code, r.params, s.indicator, s.unit, s.facility, s.period
       FROM rejections r LEFT JOIN stage s ON s.row_number = r.row_number`,
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

/** The indicators, units (and their ancestors) and days a batch changed, for live updates. */
async function footprintOf(connection: DuckDBConnection, batchId: number): Promise<BatchFootprint> {
  const [r] = await rows<{ indicators: string[]; units: string[]; first: string; last: string }>(
    connection,
    `SELECT (SELECT list(DISTINCT i.code) FROM changed c JOIN indicators i ON i.id = c.indicator_id) AS indicators,
       (SELECT list(DISTINCT u.code) FROM changed c JOIN unit_ancestors a ON a.unit_id = c.unit_id JOIN units u ON u.id = a.ancestor_id) AS units,
       (SELECT min(period_start)::VARCHAR FROM changed) AS first, (SELECT max(period_end)::VARCHAR FROM changed) AS last`,
  );
  return { batchId, committedAt: 0, indicators: r!.indicators ?? [], unitCodes: r!.units ?? [], from: r!.first, to: r!.last };
}
