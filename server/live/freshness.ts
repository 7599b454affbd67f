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

/** Batches looked at, pairs shown per batch, and figures read per batch to find them. */
const ARRIVAL_BATCHES = 8;
const PAIRS_PER_BATCH = 3;
const FIGURES_READ = 5_000;

/**
 * The latest committed batches' figures, as indicator–reporter pairs (the reporter a facility's
 * name, else the unit's), newest first. Each batch is read only so far (a demo load of millions of
 * figures is one line, found in its first figures): batch ids grow as facts are appended, so
 * DuckDB's zone maps go straight to a batch's rows. `more` counts the batch's other figures.
 */
async function readArrivals(store: Store): Promise<Arrival[]> {
  const batches = await store.query<{ id: number; at: number; demo: boolean; figures: number }>(
    `SELECT id, epoch_ms(created_at) AS at, is_demo AS demo, rows_accepted AS figures FROM batches WHERE status = 'committed' ORDER BY id DESC LIMIT ${ARRIVAL_BATCHES}`,
  );
  const arrivals: Arrival[] = [];
  for (const b of batches) {
    const pairs = await store.query<{ indicator: string; reporter: string; grain: string; start: string; figures: number }>(
      `SELECT i.code AS indicator, COALESCE(fa.name, u.name) AS reporter, max(f.grain)::VARCHAR AS grain,
              strftime(max(f.period_start), '%Y-%m-%d') AS start, count(*)::INTEGER AS figures
       FROM (SELECT indicator_id, unit_id, facility_id, grain, period_start FROM facts WHERE batch_id = $1 LIMIT ${FIGURES_READ}) f
       JOIN indicators i ON i.id = f.indicator_id JOIN units u ON u.id = f.unit_id LEFT JOIN facilities fa ON fa.id = f.facility_id
       GROUP BY ALL ORDER BY start DESC, indicator, reporter LIMIT ${PAIRS_PER_BATCH}`,
      [b.id],
    );
    const shown = pairs.reduce((n, p) => n + p.figures, 0);
    pairs.forEach((p, i) =>
      arrivals.push({
        batch: b.id,
        at: new Date(Number(b.at)).toISOString(),
        indicator: p.indicator,
        reporter: p.reporter,
        period: { grain: p.grain, start: p.start },
        demo: b.demo,
        more: i === pairs.length - 1 ? Math.max(0, b.figures - shown) : 0,
      }),
    );
  }
  return arrivals;
}
