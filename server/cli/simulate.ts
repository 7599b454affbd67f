/**
 * `npm run simulate -- --token EDITOR_TOKEN [--url http://localhost:8080] [--every 3] [--minutes 10]` (or IOC_TOKEN): while the wall
 * runs, uploads a demo batch every few seconds through the real ingest path (POST /api/batches,
 * flagged demo): one health station's running figures for today (outpatient visits by sex),
 * this ISO week (dengue cases) and this month (telehealth), growing from upload to upload, so
 * the wall visibly moves. Stops by itself after --minutes, or on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { noise, poisson } from '../../data/generators/noise.ts';
import type { Facility } from '../../data/schema/pack.ts';
import { formatPeriod, periodOf, today } from '../../data/schema/period.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    every: { type: 'string', default: '3' },
    minutes: { type: 'string', default: '10' },
    token: { type: 'string', default: process.env.IOC_TOKEN },
  },
});
if (!values.token) {
  console.error('Uploading needs an editor token: --token … or IOC_TOKEN=… (an administrator makes one with POST /api/admin/tokens)');
  process.exit(2);
}
const every = Number(values.every) * 1000;
const until = Date.now() + Number(values.minutes) * 60_000;
if (!(every >= 200) || !(until > Date.now())) {
  console.error('--every takes seconds (≥ 0.2) and --minutes a positive number');
  process.exit(2);
}
const api = (path: string) => `${values.url!.replace(/\/$/, '')}${path}`;
const TIMEZONE = 'Asia/Ho_Chi_Minh';

const facilities = (await (await fetch(api('/api/facilities'), { headers: { Authorization: `Bearer ${values.token}` } })).json()) as Facility[];
const stations = facilities.filter((f) => f.kind === 'commune_health_station');
let stopping = false;
process.on('SIGINT', () => (stopping = true));

// Running totals per station, so each upload re-sends a larger figure that replaces the last.
const sent = new Map<string, { visits: number; dengue: number; telehealth: number }>();
for (let tick = 0; !stopping && Date.now() < until; tick++) {
  const station = stations[tick % stations.length]!;
  const day = today(TIMEZONE);
  const so = sent.get(station.code) ?? { visits: 0, dengue: 0, telehealth: 0 };
  so.visits += 1 + poisson(`sim:visits:${station.code}:${tick}`, 4);
  so.dengue += noise(`sim:dengue:${station.code}:${tick}`) < 0.2 ? 1 : 0;
  so.telehealth += poisson(`sim:tele:${station.code}:${tick}`, 1);
  sent.set(station.code, so);
  const female = Math.round(so.visits * 0.52);
  const csv = [
    'indicator,unit,facility,period,numerator,denominator,value,subgroup,source',
    `outpatient_visits,,${station.code},${day},,,${female},sex:female,`,
    `outpatient_visits,,${station.code},${day},,,${so.visits - female},sex:male,`,
    `dengue_cases,,${station.code},${formatPeriod(periodOf('week', day))},,,${so.dengue},,`,
    `telehealth_consultations,,${station.code},${formatPeriod(periodOf('month', day))},,,${so.telehealth},,`,
  ].join('\n');
  const started = Date.now();
  const res = await fetch(api(`/api/batches?file=simulated-${tick}.csv&demo=true&source=${encodeURIComponent('Mô phỏng (demo)')}`), {
    method: 'POST',
    body: csv,
    headers: { Authorization: `Bearer ${values.token}` },
  });
  const report = (await res.json()) as { id?: number; status?: string; rowsAccepted?: number; message?: string };
  console.log(`${new Date().toISOString()} ${station.shortName}: batch ${report.id ?? '-'} ${report.status ?? res.status} (${report.rowsAccepted ?? 0} rows, ${Date.now() - started} ms)${report.message ? ` ${report.message}` : ''}`);
  await new Promise((r) => setTimeout(r, every));
}
console.log('simulation stopped');
