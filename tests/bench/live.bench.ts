/**
 * `npm run bench:live`: 200 Socket.IO clients watch a mix of views of the 10M-fact database
 * served by a real server process; demo batches are uploaded through the API one by one. For
 * every client whose view a batch touches, the time from the batch's commit to the client's
 * receipt of the update is recorded. Prints p50, p95 and max, the server's CPU, and checks that
 * no update was lost (each client ends with exactly the API's answer). Target: p95 ≤ 250 ms.
 */
import { LiveClient } from '../../client/live/live-client.ts';
import { viewKey } from '../../data/schema/live.ts';
import { viewToQuery } from '../../data/schema/view-query.ts';
import { formatPeriod, periodOf, today } from '../../data/schema/period.ts';
import type { RollupAnswer, View } from '../../data/schema/view.ts';
import { BENCH_DATABASE, ensureBenchDatabase } from './bench-database.ts';
import { LIVE_LIMITS } from '../../data/schema/live.ts';
import { makeTokens, startServerProcess } from './server-process.ts';
import { percentile } from './stats.ts';
import { readConfig } from '../../server/config.ts';

const CLIENTS = 200;
const BATCHES = 30;
const GAP_MS = 500;

await ensureBenchDatabase();
// The clients stand for wall PCs and tablets, each with its display token: as many tokens as the
// connections-per-token limit asks for (a token opens at most LIVE_LIMITS.connectionsPerToken).
const displays = Math.ceil(CLIENTS / LIVE_LIMITS.connectionsPerToken);
const made = await makeTokens(BENCH_DATABASE, {
  editor: 'editor',
  ...Object.fromEntries(Array.from({ length: displays }, (_, i) => [`display${i}`, 'viewer' as const])),
});
const token = made.editor;
const server = await startServerProcess(BENCH_DATABASE);
const day = today('Asia/Ho_Chi_Minh');
const month = formatPeriod(periodOf('month', day));
const views: View[] = [
  { indicators: ['outpatient_visits'], level: 'province', grain: 'day', last: 14 },
  { indicators: ['outpatient_visits'], level: 'area', grain: 'month', last: 12 },
  { indicators: ['outpatient_visits'], level: 'commune', grain: 'month', from: month, to: month },
  { indicators: ['outpatient_visits'], level: 'commune', parent: '585', grain: 'day', last: 7 },
  { indicators: ['dengue_cases'], level: 'area', grain: 'week', last: 12 },
  { indicators: ['dengue_cases'], level: 'commune', grain: 'range', last: 30, order: 'worst', limit: 10 },
  { indicators: ['telehealth_consultations'], level: 'area', grain: 'month', last: 6 },
  { indicators: ['ehr_coverage', 'cashless_payment_rate'], level: 'province', grain: 'month', last: 13 },
  { indicators: ['outpatient_visits', 'telehealth_consultations'], level: 'province', grain: 'month', last: 24 },
  { indicators: ['dengue_cases'], level: 'commune', parent: '584', grain: 'week', last: 8 },
];

// Connect the clients, each watching two views of the mix, and wait for their first answers.
const latencies: number[] = [];
const clients = Array.from({ length: CLIENTS }, (_, i) => {
  const client = new LiveClient(server.url, { token: (made as Record<string, string>)[`display${i % displays}`] });
  const watched = [views[i % views.length]!, views[(i * 7 + 3) % views.length]!];
  client.listen({ view: (_k, _h, m) => m.committedAt !== null && latencies.push(Date.now() - m.committedAt) });
  return { client, keys: [...new Set(watched.map((v) => client.subscribe(v)))] };
});
console.log(`pack: ${readConfig().packId} (IOC_PACK)`);
const started = Date.now();
while (clients.some((c) => c.keys.some((k) => !c.client.current(k)))) {
  if (Date.now() - started > 120_000) throw new Error('clients did not get their first answers');
  await new Promise((r) => setTimeout(r, 50));
}
console.log(`${CLIENTS} clients watching ${views.length} distinct views, first answers after ${Date.now() - started} ms`);

// Batches: a station's figures for today, this week and this month, as npm run simulate sends them.
const stations = ['TYT-22810', 'TYT-22795', 'TYT-22738', 'TYT-22852', 'TYT-22897'];
const cpuBefore = server.cpuSeconds();
const benchStarted = Date.now();
for (let b = 0; b < BATCHES; b++) {
  const station = stations[b % stations.length]!;
  const csv = [
    'indicator,unit,facility,period,numerator,denominator,value,subgroup,source',
    `outpatient_visits,,${station},${day},,,${10 + b},sex:female,`,
    `${b % 3 === 0 ? 'dengue_cases' : 'telehealth_consultations'},,${station},${b % 3 === 0 ? formatPeriod(periodOf('week', day)) : month},,,${b},,`,
  ].join('\n');
  const res = await fetch(`${server.url}/api/batches?file=live-bench-${b}.csv&demo=true&source=bench`, { method: 'POST', body: csv, headers: { Authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`batch ${b}: ${res.status} ${await res.text()}`);
  await new Promise((r) => setTimeout(r, GAP_MS));
}
await new Promise((r) => setTimeout(r, 1500));
const cpu = server.cpuSeconds() - cpuBefore;
const seconds = (Date.now() - benchStarted) / 1000;

// No lost updates: every client holds exactly what the API answers now.
let lost = 0;
const fresh = new Map<string, RollupAnswer>();
for (const view of views) {
  fresh.set(viewKey(view), (await (await fetch(`${server.url}/api/rollup?${viewToQuery(view)}`)).json()) as RollupAnswer);
}
const rowsOf = (a: RollupAnswer) => JSON.stringify(a.rows.map((r) => [r.indicator, r.entity.code, r.period.start, r.value]).sort());
for (const { client, keys } of clients)
  for (const key of keys) if (rowsOf(client.current(key)!.answer) !== rowsOf(fresh.get(key)!)) lost++;

console.log(
  `updates received: ${latencies.length}; commit → client: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, ` +
    `max ${Math.max(...latencies)} ms (target p95 ≤ 250 ms)`,
);
console.log(`server CPU: ${cpu.toFixed(1)} s over ${seconds.toFixed(1)} s (${((cpu / seconds) * 100).toFixed(0)}% of one core); memory ${server.memory().peak.toFixed(0)} MB peak`);
console.log(`lost updates: ${lost} of ${clients.reduce((s, c) => s + c.keys.length, 0)} client views differ from the API's answer`);
for (const { client } of clients) client.close();
server.stop();
