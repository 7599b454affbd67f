/**
 * `npm run bench:abuse`: the attacks of tests/abuse on a real server process over a fresh demo
 * database, with the README's defaults (reads need a token; behind a reverse proxy on loopback,
 * as the README recommends). For each: /api/health p50, p95 and max while it runs (target p95
 * ≤ 1 s), the server's peak memory (target < 1 GB), and what the attackers got.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACKS, underAttack } from '../abuse/attacks.ts';
import { makeTokens, startServerProcess } from './server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-abuse-'));
const database = join(dir, 'ioc.duckdb');
const tokens = await makeTokens(database, { viewer: 'viewer', viewer2: 'viewer', editor: 'editor', admin: 'admin' });
console.log('Building the demo database and starting the server (IOC_DEMO=on, IOC_READS=token, IOC_TRUST_PROXY=loopback)…');
const server = await startServerProcess(database, { IOC_DEMO: 'on', IOC_READS: 'token', IOC_TRUST_PROXY: 'loopback', IOC_INGEST_PER_MINUTE: '120' });
try {
  console.log(`server RSS at rest: ${server.memory().rss.toFixed(0)} MB`);
  for (const attack of ATTACKS) {
    const r = await underAttack({ server, tokens }, attack);
    const ok = r.health.p95 <= 1000 && r.rssPeakMb < 1024;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(58)} ${r.seconds.toFixed(1).padStart(5)} s  health p50 ${r.health.p50.toFixed(0).padStart(4)} ms, p95 ${r.health.p95.toFixed(0).padStart(4)} ms, max ${r.health.max.toFixed(0).padStart(4)} ms (${r.health.samples} samples)  RSS peak ${r.rssPeakMb.toFixed(0)} MB`,
    );
    console.log(`     ${JSON.stringify(r.outcome)}`);
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
