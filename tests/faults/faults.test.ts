import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedPeriods } from '../../data/schema/period.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { openStore } from '../../server/store/store.ts';
import { editorToken, startServerProcess } from '../bench/server-process.ts';
import { HEADER } from '../support/ingest.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ioc-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The server started as `npm start` would, to its first answer or its exit. */
function start(env: Record<string, string>) {
  const run = spawnSync('npx', ['tsx', 'server/main.ts'], { cwd: repoRoot, env: { ...process.env, IOC_DEMO: 'off', PORT: '0', IOC_BRIEFING_AT: 'off', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stderr: run.stderr };
}

/** Opens the database once the killed server's lock is gone (the kernel frees it as the process dies). */
async function openWhenFree(database: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openStore(database);
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('startup faults', () => {
  it('names an unusable database path and exits', () => {
    const { code, stderr } = start({ IOC_DB: '/etc/hostname/ioc.duckdb' });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot start: Cannot open the database file /etc/hostname/ioc.duckdb');
  });

  it('refuses a disk without room before touching the database', () => {
    const { code, stderr } = start({ IOC_DB: join(dir, 'full', 'ioc.duckdb'), IOC_MIN_FREE_MB: String(1e12) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Cannot start: only \d+ MB free on the disk holding .*ioc\.duckdb; at least 1000000000000 MB are needed/);
  });
});

describe('a server killed in the middle of a batch', () => {
  // Killed while the file is staged and checked, and inside the batch's transaction after its
  // figures are written, before COMMIT (the server holds it open there: IOC_FAULT_COMMIT_HOLD_MS).
  it.each(['staging', 'committing'] as const)('killed while %s, restarts with all or none of that batch, and summaries that agree with its facts', async (when) => {
    const database = join(dir, `killed-${when}.duckdb`);
    // A first start builds the database (reference data and the real figures), then stops.
    await (await startServerProcess(database)).stop();
    const token = await editorToken(database);
    const facilities = loadPack(readConfig().packDir).facilities.map((f) => f.code);
    const days = completedPeriods('day', '2000-01-01', '2025-12-31').map((p) => p.start);
    const lines = days.flatMap((day) => facilities.map((f) => `outpatient_visits,,${f},${day},,,7,,`));
    const file = join(dir, 'big.csv');
    writeFileSync(file, [HEADER, ...lines].join('\n'));

    const server = await startServerProcess(database, { IOC_FAULT_COMMIT_HOLD_MS: when === 'committing' ? '5000' : '0' });
    const holding = server.printed('holding its transaction open');
    const upload = fetch(`${server.url}/api/batches?file=big.csv`, { method: 'POST', body: new Uint8Array(readFileSync(file)), headers: { Authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
      () => 'killed',
    );
    await (when === 'staging' ? new Promise((r) => setTimeout(r, 700)) : holding);
    server.kill();
    const outcome = await upload;
    const store = await openWhenFree(database);
    try {
      const [facts] = await store.query<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM facts WHERE indicator_id = (SELECT id FROM indicators WHERE code = 'outpatient_visits')",
      );
      console.log(`killed while ${when} (upload answered: ${outcome}): ${facts!.n.toLocaleString('en')} of ${lines.length.toLocaleString('en')} figures landed`);
      expect([0, lines.length]).toContain(facts!.n);
      // Killed inside the transaction, before COMMIT: none of it.
      if (when === 'committing') expect(facts!.n).toBe(0);
      const [landed] = await store.query<{ n: number }>("SELECT count(*)::INTEGER AS n FROM batches WHERE file_name = 'big.csv' AND status = 'committed'");
      expect(landed!.n).toBe(facts!.n === 0 ? 0 : 1);
      // The monthly summary holds exactly what the facts hold.
      const [agree] = await store.query<{ facts: number; months: number }>(
        `SELECT (SELECT COALESCE(sum(value), 0) FROM facts WHERE indicator_id = i.id)::DOUBLE AS facts,
           (SELECT COALESCE(sum(value), 0) FROM fact_months WHERE indicator_id = i.id)::DOUBLE AS months
         FROM indicators i WHERE code = 'outpatient_visits'`,
      );
      expect(agree!.months).toBe(agree!.facts);
    } finally {
      await store.close();
    }
    // And it serves again.
    const again = await startServerProcess(database);
    try {
      expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  }, 180_000);
});
