/** How fresh the data is: the last committed batch, the last batch of each source, and what the latest batches brought. */
import type { Arrival, FreshnessMessage } from '../../data/schema/live.ts';
import type { Store } from '../store/store.ts';

export async function readFreshness(store: Store): Promise<FreshnessMessage> {
  const sources = await store.query<{ source: string; at: number; demo: boolean }>(
    `SELECT COALESCE(source, channel) AS source, epoch_ms(max(created_at)) AS at, bool_and(is_demo) AS demo
     FROM batches WHERE status = 'committed' GROUP BY 1 ORDER BY 2 DESC`,
  );
  const iso = (ms: number) => new Date(Number(ms)).toISOString();
  const [last] = await store.query<{ version: number | null }>("SELECT max(id)::INTEGER AS version FROM batches WHERE status = 'committed'");
  const arrivals = await readArrivals(store);
  return {
    version: last?.version ?? 0,
    arrivals,
    lastBatchAt: sources[0] ? iso(sources[0].at) : null,
    sources: sources.map((s) => ({ source: s.source, lastBatchAt: iso(s.at), demo: s.demo })),
  };
}

/** Batches looked at, and pairs shown per batch: a demo load of thousands of figures is one line, not thousands. */
const ARRIVAL_BATCHES = 8;
const PAIRS_PER_BATCH = 3;

/**
 * The latest committed batches' figures, as indicator–reporter pairs (the reporter a facility's
 * name, else the unit's). Reads only those batches' facts: batch ids grow as facts are appended,
 * so DuckDB's zone maps skip the rest of the table.
 */
async function readArrivals(store: Store): Promise<Arrival[]> {
  const rows = await store.query<{ batch: number; at: number; demo: boolean; indicator: string; reporter: string; grain: string; start: string; pairs: number; n: number }>(
    `WITH recent AS (SELECT id, created_at, is_demo FROM batches WHERE status = 'committed' ORDER BY id DESC LIMIT ${ARRIVAL_BATCHES}),
     pairs AS (
       SELECT r.id AS batch, epoch_ms(r.created_at) AS at, r.is_demo AS demo, i.code AS indicator, COALESCE(fa.name, u.name) AS reporter,
              max(f.grain)::VARCHAR AS grain, strftime(max(f.period_start), '%Y-%m-%d') AS start
       FROM facts f JOIN recent r ON f.batch_id = r.id JOIN indicators i ON i.id = f.indicator_id
       JOIN units u ON u.id = f.unit_id LEFT JOIN facilities fa ON fa.id = f.facility_id
       WHERE f.batch_id >= (SELECT min(id) FROM recent)
       GROUP BY ALL)
     SELECT *, count(*) OVER (PARTITION BY batch)::INTEGER AS pairs, row_number() OVER (PARTITION BY batch ORDER BY start DESC, indicator, reporter)::INTEGER AS n
     FROM pairs QUALIFY n <= ${PAIRS_PER_BATCH} ORDER BY batch DESC, n`,
  );
  return rows.map((r) => ({
    batch: r.batch,
    at: new Date(Number(r.at)).toISOString(),
    indicator: r.indicator,
    reporter: r.reporter,
    period: { grain: r.grain, start: r.start },
    demo: r.demo,
    more: r.n === Math.min(PAIRS_PER_BATCH, r.pairs) ? r.pairs - r.n : 0,
  }));
}
