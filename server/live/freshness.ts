/** How fresh the data is: the last committed batch, and the last batch of each source. */
import type { FreshnessMessage } from '../../data/schema/live.ts';
import type { Store } from '../store/store.ts';

export async function readFreshness(store: Store): Promise<FreshnessMessage> {
  const sources = await store.query<{ source: string; at: number; demo: boolean }>(
    `SELECT COALESCE(source, channel) AS source, epoch_ms(max(created_at)) AS at, bool_and(is_demo) AS demo
     FROM batches WHERE status = 'committed' GROUP BY 1 ORDER BY 2 DESC`,
  );
  const iso = (ms: number) => new Date(Number(ms)).toISOString();
  const [last] = await store.query<{ version: number | null }>("SELECT max(id)::INTEGER AS version FROM batches WHERE status = 'committed'");
  return {
    version: last?.version ?? 0,
    lastBatchAt: sources[0] ? iso(sources[0].at) : null,
    sources: sources.map((s) => ({ source: s.source, lastBatchAt: iso(s.at), demo: s.demo })),
  };
}
