/** Time limits on reads: a read past its limit is interrupted (its reader free again) and answered 503. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeout } from '../../server/store/store.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall } from '../support/wall.ts';

let server: TestServer;
beforeAll(async () => {
  // Reads a request asks for get 1 ms: what a client gets past the limit.
  server = await startTestServer(await openTestWall({ queryTimeoutMs: 1 }));
});
afterAll(async () => {
  await server.close();
  await server.wall.close();
});

describe('read time limits', () => {
  it('interrupt a running read at its limit, and leave the reader free for the next', async () => {
    const started = performance.now();
    const slow = server.wall.store.query('SELECT count(*) AS n FROM range(100000000000) a, range(10) b', [], { timeoutMs: 300 });
    await expect(slow).rejects.toBeInstanceOf(QueryTimeout);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await server.wall.store.query('SELECT 42 AS x', [], { timeoutMs: 5000 })).toEqual([{ x: 42 }]);
  });

  it('answer a view or quality request past its limit with 503, a reason and Retry-After, and keep serving', async () => {
    // Both readers busy for a while (four long reads, so each reader has one whatever else was under
    // way): a request's read waits past its 1 ms and is given up.
    const busy = [0, 1, 2, 3].map(() => server.wall.store.query('SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3', [], { timeoutMs: 1000 }).catch(() => null));
    for (const path of ['/api/rollup?indicators=ehr_coverage&level=area&grain=half&from=2024-H1&to=2024-H1', '/api/quality?level=area&from=2024-01&to=2024-06']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: string; message: string })).toMatchObject({ error: 'busy', message: expect.stringContaining('was stopped') });
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await Promise.all(busy);
  });
});
