/**
 * `npm run bench:ingest`: a 1,000,000-row CSV through the full validated ingest path (stage,
 * validate, commit in one transaction) into a DuckDB file, first as new figures, then re-sent
 * (every row replaces a stored one). Target: ≥ 100,000 rows/s on a 2-core machine.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scalePack } from '../../data/generators/demo-world.ts';
import { readConfig } from '../../server/config.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { openStore } from '../../server/store/store.ts';
import { syncReference } from '../../server/store/sync-reference.ts';

const ROWS = 1_000_000;
const config = readConfig({});
const pack = scalePack(loadPack(config.packDir), 20);
const catalogue = loadCatalogue(config.catalogueFile);
const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-ingest-'));

// Daily outpatient visits by sex for every station and reporting point, back from 2025-12-31.
const stations = pack.facilities.map((f) => f.code);
const lines = ['indicator,unit,facility,period,numerator,denominator,value,subgroup,source'];
for (let day = 0; lines.length <= ROWS; day++) {
  const date = new Date(Date.UTC(2025, 11, 31 - day)).toISOString().slice(0, 10);
  for (const station of stations)
    for (const sex of ['female', 'male']) if (lines.length <= ROWS) lines.push(`outpatient_visits,,${station},${date},,,${(day * 7 + station.length) % 90},sex:${sex},HIS`);
}
const csv = join(dir, 'outpatient.csv');
writeFileSync(csv, lines.join('\n') + '\n');
console.log(`file: ${ROWS.toLocaleString('en')} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${stations.length} reporting facilities`);

// As the server opens it: with the README's default memory cap (IOC_DB_MEMORY).
const store = await openStore(join(dir, 'bench.duckdb'), { memoryLimit: config.databaseMemory });
await store.exclusive((c) => syncReference(c, pack, catalogue));
for (const pass of ['new figures', 're-sent (replacing every row)']) {
  const started = performance.now();
  const report = await ingestFile(store, pack, { fileName: 'outpatient.csv', path: csv }, {
    channel: 'cli', submittedBy: 'bench', fileName: 'outpatient.csv', source: null, demo: false, acceptPartial: false,
  });
  const seconds = (performance.now() - started) / 1000;
  if (report.status !== 'committed' || report.rowsAccepted !== ROWS) throw new Error(`bench batch did not land: ${JSON.stringify(report).slice(0, 500)}`);
  console.log(
    `ingest ${pass}: ${seconds.toFixed(2)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s` +
      ` (replaced ${report.rowsReplaced.toLocaleString('en')}; target ≥ 100,000 rows/s)`,
  );
}
console.log(`rss: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
await store.close();
rmSync(dir, { recursive: true, force: true });
