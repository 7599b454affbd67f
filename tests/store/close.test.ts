import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, StoreClosed } from '../../server/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ioc-close-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A read long enough to be under way when the close comes (a few seconds if left to finish).
const LONG = 'SELECT count(*) AS n FROM range(3000000000) WHERE range % 7 = 3';

describe('closing the store', () => {
  it('stops the reads under way, lets a batch finish, refuses new work, and frees the file', async () => {
    const file = join(dir, 'a.duckdb');
    const store = await openStore(file);
    await store.exclusive((c) => c.run('CREATE TABLE t (n INTEGER)'));
    // Settled as they come, so that a rejection is not left unhandled while the close runs.
    const reads = Array.from({ length: 6 }, () => store.query(LONG).then(() => 'finished', (err: Error) => err.message));
    const batch = store.exclusive(async (c) => {
      await c.run('INSERT INTO t SELECT range FROM range(1000)');
      return 'landed';
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await store.close();
    // Interrupted, not waited for: the reads would take seconds each.
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const outcome of await Promise.all(reads)) expect(outcome).toMatch(/Interrupted|closing/);
    expect(await batch).toBe('landed');
    await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(StoreClosed);
    await expect(store.exclusive(async () => 1)).rejects.toBeInstanceOf(StoreClosed);
    // The lock is gone and the batch is in the file.
    const again = await openStore(file);
    expect(await again.query('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 1000 }]);
    await again.close();
    await again.close();
  });
});
