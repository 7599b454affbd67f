/**
 * Briefings from the command line, made by the running wall server (it holds the database and
 * renders with Chromium):
 *   npm run briefing -- week [--day 2026-11-18]          the weekly briefing of that day's week, now
 *   npm run briefing -- export --page "/?scene=digital" --format pdf|png [--size 3840x2160] --out FILE
 * --url names the server (default http://localhost:8080); --token (or IOC_TOKEN) is an editor's
 * token for the weekly briefing, a viewer's for an export.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BriefingEntry } from '../../data/schema/briefing.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:8080' },
    day: { type: 'string' },
    page: { type: 'string' },
    format: { type: 'string', default: 'pdf' },
    size: { type: 'string' },
    out: { type: 'string' },
    token: { type: 'string', default: process.env.IOC_TOKEN },
  },
});
const api = (path: string) => `${values.url!.replace(/\/$/, '')}${path}`;

async function call(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(api(path), { ...init, headers: values.token ? { Authorization: `Bearer ${values.token}` } : {} }).catch((err: Error) => {
    console.error(`Cannot reach the wall server at ${values.url} (${err.message}): start it with npm start, or give --url`);
    process.exit(1);
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    console.error(`${res.status}: ${body.message ?? res.statusText}`);
    process.exit(1);
  }
  return res;
}

const [command] = positionals;
if (command === 'week') {
  const entry = (await (await call(`/api/briefings${values.day ? `?day=${encodeURIComponent(values.day)}` : ''}`, { method: 'POST' })).json()) as BriefingEntry;
  console.log(`Briefing ${entry.week}: ${entry.pdf} and ${entry.pngs.length} PNGs (${entry.msPerPage} ms a scene); listed at ${api('/briefings')}`);
} else if (command === 'export' && values.page && values.out) {
  const query = new URLSearchParams({ page: values.page, format: values.format!, ...(values.size ? { size: values.size } : {}) });
  const res = await call(`/api/export?${query}`);
  writeFileSync(values.out, Buffer.from(await res.arrayBuffer()));
  console.log(`Wrote ${values.out} (${res.headers.get('server-timing') ?? ''})`);
} else {
  console.error('Usage: npm run briefing -- week [--day YYYY-MM-DD] | export --page "/?scene=digital" --format pdf|png [--size 3840x2160] --out FILE [--url http://localhost:8080]');
  process.exit(2);
}
