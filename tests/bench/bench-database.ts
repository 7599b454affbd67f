/**
 * The benchmarks' database: ≥ 10 million demo facts, made once by the demo generator at
 * --scale 170 through the real ingest path (about four minutes) and kept in var/bench/<pack>/: a
 * database belongs to the pack it was built for (IOC_PACK), and its demo files go beside it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig, repoRoot } from '../../server/config.ts';
import { openStore } from '../../server/store/store.ts';

export const BENCH_DATABASE = join(repoRoot, 'var/bench', readConfig().packId, 'facts-10m.duckdb');
const TARGET_FACTS = 10_000_000;

export async function factsIn(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const store = await openStore(file);
  const [r] = await store.query<{ n: bigint }>('SELECT count(*) AS n FROM facts');
  await store.close();
  return Number(r!.n);
}

export async function ensureBenchDatabase(): Promise<number> {
  let facts = await factsIn(BENCH_DATABASE);
  if (facts >= TARGET_FACTS) return facts;
  console.log(`Building ${BENCH_DATABASE} with ≥ ${TARGET_FACTS.toLocaleString('en')} demo facts (npm run demo-data -- --scale 170; ~4 min)…`);
  // From nothing: a smaller database left by an older generator is not topped up but replaced.
  for (const file of [BENCH_DATABASE, `${BENCH_DATABASE}.wal`]) rmSync(file, { force: true });
  execFileSync('npx', ['tsx', 'server/cli/demo-data.ts', '--scale', '170', '--db', BENCH_DATABASE], { cwd: repoRoot, stdio: 'inherit' });
  facts = await factsIn(BENCH_DATABASE);
  if (facts < TARGET_FACTS) throw new Error(`the bench database has only ${facts} facts`);
  return facts;
}
