/**
 * What /api/health says of the data (facts stored, the last batch), kept in memory: a request is
 * answered at once with the last reading, and starts a new reading in the background when that
 * one is more than a few seconds old. The health check never waits behind busy readers, and adds
 * no work while nobody asks. A batch's commit brings its own count (read in its transaction), so
 * health says what landed as soon as the upload is answered.
 */
import type { Store } from '../store/store.ts';

interface DataHealth {
  facts: number | null;
  last_batch_at: string | null;
  /** When the figures above were read. */
  checked_at: string | null;
}

const FRESH_MS = 3_000;

export function healthOf(store: Store) {
  let data: DataHealth = { facts: null, last_batch_at: null, checked_at: null };
  let readAt = 0;
  let reading: Promise<void> | null = null;
  // The newest batch whose count health holds: a reading begun before it landed (or a commit
  // announced twice) must not put an older count back.
  let newestBatch = 0;
  store.onCommit(({ batchId, stored }) => {
    if (!stored || batchId <= newestBatch) return;
    newestBatch = batchId;
    data = { facts: stored.facts, last_batch_at: stored.batchAt, checked_at: new Date().toISOString() };
    readAt = Date.now();
  });
  const read = () => {
    const since = newestBatch;
    reading ??= store
      .query<{ facts: number; last_batch_at: string | null }>(
        "SELECT (SELECT count(*) FROM facts)::INTEGER AS facts, (SELECT max(created_at)::VARCHAR FROM batches WHERE status = 'committed') AS last_batch_at",
      )
      .then(
        ([row]) => {
          if (newestBatch !== since) return;
          data = { ...row!, checked_at: new Date().toISOString() };
          readAt = Date.now();
        },
        // Kept as it was: health reports the last reading it has.
        () => {},
      )
      .finally(() => (reading = null));
    return reading;
  };
  void read();
  return {
    current(): DataHealth {
      if (Date.now() - readAt > FRESH_MS) void read();
      return data;
    },
  };
}
