/**
 * `npm run bench:rollup`: the rollup views of issue 4 over ≥ 10M facts. Each view is timed as
 * raw SQL on a DuckDB connection (the compiled statement) and through the HTTP API of a real
 * server process: cold first run, then p50 and p95 over warm runs. Prints the API overhead and
 * the server's resident memory. Targets on 2 cores: p95 ≤ 50 ms for (a), (b), (d); ≤ 150 ms for
 * (c) and (e); API ≤ 1.5× raw SQL; server RSS ≤ 600 MB.
 */
import { formatPeriod, periodOf } from '../../data/schema/period.ts';
import { resolveRange, viewFromQuery, type View } from '../../data/schema/view.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { compileView } from '../../server/rollup/compile-view.ts';
import { loadRollupReference } from '../../server/rollup/reference.ts';
import { openStore } from '../../server/store/store.ts';
import { BENCH_DATABASE, ensureBenchDatabase } from './bench-database.ts';
import { startServerProcess } from './server-process.ts';
import { measure, ms } from './stats.ts';

const WARM_RUNS = 60;
const facts = await ensureBenchDatabase();
console.log(`pack: ${readConfig().packId} (IOC_PACK)`);
console.log(`database: ${facts.toLocaleString('en')} facts in ${BENCH_DATABASE}`);

const store = await openStore(BENCH_DATABASE);
const [{ last }] = (await store.query<{ last: string }>('SELECT max(period_end)::VARCHAR AS last FROM facts')) as [{ last: string }];
const month = (back: number) => formatPeriod(periodOf('month', new Date(Date.parse(`${last.slice(0, 7)}-15`) - back * 30.44 * 86_400_000).toISOString().slice(0, 10)));
const quarter = formatPeriod(periodOf('quarter', last));

// The views, as the client names them in a URL.
const ALL = loadCatalogue(readConfig({}).catalogueFile).indicators.map((i) => i.code);
const cases: { name: string; target: number; queries: string[] }[] = [
  { name: '(a) one indicator by area by month, last 12 months', target: 50, queries: [`indicators=outpatient_visits&level=area&grain=month&from=${month(11)}&to=${month(0)}`] },
  { name: '(b) one indicator by commune, this quarter', target: 50, queries: [`indicators=outpatient_visits&level=commune&grain=quarter&from=${quarter}&to=${quarter}`] },
  { name: '(c) all indicators, province, by month, last 24 months', target: 150, queries: [`indicators=${ALL.join(',')}&level=province&grain=month&from=${month(23)}&to=${month(0)}`] },
  { name: '(d) 10 worst communes, one indicator, last 30 days', target: 50, queries: [`indicators=dengue_cases&level=commune&grain=range&to=${last}&last=30&order=worst&limit=10`] },
  {
    name: '(e) a full wall scene (6 views)',
    target: 150,
    queries: [
      `indicators=ehr_coverage,cashless_payment_rate,chip_id_lookup_success,telehealth_consultations,outpatient_visits&level=province&grain=month&from=${month(12)}&to=${month(0)}`,
      `indicators=ehr_coverage&level=commune&grain=month&from=${month(0)}&to=${month(0)}`,
      `indicators=cashless_payment_rate&level=facility&facilityKind=area_health_centre&grain=month&from=${month(0)}&to=${month(0)}`,
      `indicators=outpatient_visits&level=area&grain=month&from=${month(23)}&to=${month(0)}`,
      `indicators=it_level_tt54&level=province&grain=half&last=2&to=${formatPeriod(periodOf('half', last))}`,
      `indicators=dengue_cases&level=area&grain=week&last=12&to=${formatPeriod(periodOf('week', last))}`,
    ],
  },
];

// Raw SQL: the compiled statements on this process's own connection.
const pack = loadPack(`${repoRoot}/data/packs/ninh-thuan`);
const reference = await loadRollupReference(store, pack);
const compiled = (q: string) => {
  const view = viewFromQuery(Object.fromEntries(new URLSearchParams(q))).view as View;
  const range = resolveRange(view, last);
  if ('error' in range) throw new Error(range.error);
  return compileView(view, range, reference);
};
const raw = new Map<string, Awaited<ReturnType<typeof measure>>>();
for (const c of cases) {
  const statements = c.queries.map(compiled);
  raw.set(c.name, await measure(() => Promise.all(statements.map((s) => store.query(s.sql, s.params))), WARM_RUNS));
}
await store.close();

// The API: a real server process on a free port, over the same database.
const server = await startServerProcess(BENCH_DATABASE);
const base = `${server.url}/api/rollup?`;
const fetchAll = (queries: string[]) =>
  Promise.all(queries.map(async (q) => {
    const res = await fetch(base + q);
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  }));
console.log(`\n${'view'.padEnd(58)}  ${'raw cold'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)}   ${'API cold'.padStart(10)} ${'API p50'.padStart(10)} ${'API p95'.padStart(10)}  API/raw  target p95`);
let failures = 0;
for (const c of cases) {
  const api = await measure(() => fetchAll(c.queries), WARM_RUNS);
  const r = raw.get(c.name)!;
  const ratio = api.p50 / r.p50;
  const ok = api.p95 <= c.target && ratio <= 1.5;
  if (!ok) failures++;
  console.log(`${c.name.padEnd(58)}  ${ms(r.cold)} ${ms(r.p50)} ${ms(r.p95)}   ${ms(api.cold)} ${ms(api.p50)} ${ms(api.p95)}  ${ratio.toFixed(2).padStart(6)}×  ≤ ${c.target} ms ${ok ? 'ok' : 'MISSED'}`);
}
const memory = server.memory();
console.log(`\nserver RSS: ${memory.rss.toFixed(0)} MB now, ${memory.peak.toFixed(0)} MB peak (target ≤ 600 MB)`);
console.log(`views meeting their targets: ${cases.length - failures} of ${cases.length}`);
server.stop();
