/**
 * What /api/health says of the data (facts stored, the last batch), kept in memory and refreshed
 * in the background after each commit, so the health check never waits behind busy readers.
 */
import type { Store } from '../store/store.ts';

interface DataHealth {
  facts: number | null;
  last_batch_at: string | null;
  /** When the figures above were read. */
  checked_at: string | null;
}

export function healthOf(store: Store) {
  let data: DataHealth = { facts: null, last_batch_at: null, checked_at: null };
  let refreshing = false;
  let again = false;
  const refresh = async () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const [row] = await store.query<{ facts: number; last_batch_at: string | null }>(
        "SELECT (SELECT count(*) FROM facts)::INTEGER AS facts, (SELECT max(created_at)::VARCHAR FROM batches WHERE status = 'committed') AS last_batch_at",
      );
      data = { ...row!, checked_at: new Date().toISOString() };
    } catch {
      // Kept as it was: health reports the last reading it has.
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };
  void refresh();
  store.onCommit(() => void refresh());
  return { current: () => data };
}
