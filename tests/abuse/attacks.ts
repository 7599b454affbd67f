/**
 * Attacks on a running server by clients holding a low role, each bounded in count and time, on
 * loopback only, and a monitor that samples /api/health and the server's memory while one runs.
 * Shared by the abuse test (which asserts) and `npm run bench:abuse` (which prints).
 */
import { createDeflateRaw } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS, type SubscribeError } from '../../data/schema/live.ts';
import type { ServerProcess } from '../bench/server-process.ts';
import { percentile } from '../bench/stats.ts';

export interface Tokens {
  viewer: string;
  viewer2: string;
  editor: string;
  admin: string;
}

export interface Target {
  server: ServerProcess;
  tokens: Tokens;
}

/** Statuses seen, as "200×3 400×17". */
export type Statuses = Record<number, number>;

export interface Attack {
  name: string;
  run(target: Target): Promise<Record<string, unknown>>;
}

export interface UnderAttack {
  name: string;
  outcome: Record<string, unknown>;
  health: { samples: number; p50: number; p95: number; max: number };
  rssPeakMb: number;
  seconds: number;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function get(url: string, token?: string, init: RequestInit = {}): Promise<number> {
  return (await answer(url, token, init)).status;
}

/** Status and error message of a request (status 0 when it never got an answer). */
async function answer(url: string, token?: string, init: RequestInit = {}): Promise<{ status: number; message?: string }> {
  try {
    const res = await fetch(url, { ...init, headers: { ...(token ? bearer(token) : {}), ...(init.headers ?? {}) } });
    const text = await res.text();
    const message = res.status >= 400 && text.startsWith('{') ? (JSON.parse(text) as { message?: string }).message : undefined;
    return { status: res.status, message };
  } catch {
    return { status: 0 };
  }
}

/** A flood of requests at once, then each kind once more on its own: what a single such request gets. */
async function floodThenProbe(server: ServerProcess, token: string, paths: string[], flood: number) {
  const statuses = await Promise.all(Array.from({ length: flood }, (_, i) => get(`${server.url}${paths[i % paths.length]}`, token)));
  const single: { status: number; message?: string }[] = [];
  for (const path of paths) single.push(await answer(`${server.url}${path}`, token));
  return { statuses: tally(statuses), single };
}

const tally = (statuses: number[]): Statuses => statuses.reduce<Statuses>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

/** Runs an attack while /api/health is asked every 100 ms (each answer timed) and the server's memory read. */
export async function underAttack(target: Target, attack: Attack): Promise<UnderAttack> {
  const { server } = target;
  const latencies: number[] = [];
  let rssPeakMb = server.memory().rss;
  let running = true;
  const pending = new Set<Promise<void>>();
  const sampler = (async () => {
    while (running) {
      const started = performance.now();
      const probe = fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.arrayBuffer())
        .then(
          () => void latencies.push(performance.now() - started),
          () => void latencies.push(performance.now() - started),
        );
      const tracked = probe.finally(() => pending.delete(tracked));
      pending.add(tracked);
      rssPeakMb = Math.max(rssPeakMb, server.memory().rss);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  const outcome = await attack.run(target);
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await sampler;
  await Promise.all(pending);
  rssPeakMb = Math.max(rssPeakMb, server.memory().rss);
  return {
    name: attack.name,
    outcome,
    health: { samples: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    rssPeakMb,
    seconds,
  };
}

/** An XLSX of a few MB whose one sheet, under a proper header, inflates to `mb` megabytes of tiny rows (no declared size). */
export async function xlsxBomb(mb: number): Promise<Buffer> {
  const cell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const header =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    `<row>${cell('indicator')}${cell('unit')}${cell('period')}${cell('value')}</row>`;
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.floor((1024 * 1024) / row.length)));
  const sheet = await deflate(function* () {
    yield Buffer.from(header);
    for (let i = 0; i < mb; i++) yield chunk;
    yield Buffer.from('</sheetData></worksheet>');
  }());
  const parts: [string, Buffer][] = [
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    [
      'xl/workbook.xml',
      Buffer.from(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    ],
  ];
  const entries = [...(await Promise.all(parts.map(async ([name, data]) => ({ name, data: await deflate([data].values()), size: data.length })))), { name: 'xl/worksheets/sheet1.xml', data: sheet, size: 0xffffffff }];
  return zip(entries);
}

function deflate(chunks: Iterator<Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const z = createDeflateRaw({ level: 9 });
    z.on('data', (d: Buffer) => out.push(d));
    z.on('end', () => resolve(Buffer.concat(out)));
    z.on('error', reject);
    const pump = () => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) if (!z.write(next.value)) return void z.once('drain', pump);
      z.end();
    };
    pump();
  });
}

/** A minimal ZIP (deflate, no CRC check by our reader); a size of 0xffffffff declares nothing useful. */
function zip(entries: { name: string; data: Buffer; size: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(Math.min(e.size, 0xfffffffe), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function connect(url: string, token: string, extraHeaders?: Record<string, string>): Promise<{ socket: Socket; error?: string }> {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, ...(extraHeaders ? { extraHeaders } : {}) });
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (err) => resolve({ socket, error: err.message }));
  });
}

export const ATTACKS: Attack[] = [
  {
    name: 'quality over any span (viewer)',
    run: ({ server, tokens }) =>
      floodThenProbe(
        server,
        tokens.viewer,
        ['/api/quality?level=commune&from=0001-01&to=9999-12', '/api/quality?level=commune&from=1990-01&to=2026-12', '/api/quality?level=commune&from=2023-12&to=2026-10'],
        30,
      ),
  },
  {
    name: 'rollup over any span, ten at once (viewer)',
    async run({ server, tokens }) {
      const heavy = [
        '/api/rollup?indicators=outpatient_visits&level=facility&grain=day&from=0001-01-01&to=9999-12-31',
        '/api/rollup?indicators=outpatient_visits&level=facility&grain=day&from=2023-12-01&to=2026-11-29',
        '/api/rollup?indicators=outpatient_visits,dengue_cases,hfmd_cases,inpatient_admissions&level=commune&grain=week&from=2016-W01&to=2026-W47',
        '/api/rollup?indicators=outpatient_visits&level=facility&grain=range&from=2016-12-01&to=2026-11-29',
      ];
      const small = `${server.url}/api/rollup?indicators=ehr_coverage&level=area&grain=half&from=2024-H1&to=2024-H1`;
      const smallTimes: number[] = [];
      const [flood] = await Promise.all([
        floodThenProbe(server, tokens.viewer, heavy, 40),
        (async () => {
          for (let i = 0; i < 10; i++) {
            const t = performance.now();
            await get(small, tokens.viewer2);
            smallTimes.push(performance.now() - t);
          }
        })(),
      ]);
      return { ...flood, smallViewP95Ms: Math.round(percentile(smallTimes, 95)) };
    },
  },
  {
    name: 'XLSX inflating to 400 MB of tiny rows (editor)',
    async run({ server, tokens }) {
      const bomb = await xlsxBomb(400);
      const res = await fetch(`${server.url}/api/batches?file=bomb.xlsx`, { method: 'POST', body: new Uint8Array(bomb), headers: bearer(tokens.editor) });
      const body = (await res.json()) as { id?: number; rejections?: { code: string }[] };
      return { uploadMb: Math.round((bomb.length / 1e6) * 100) / 100, status: res.status, batch: body.id, codes: (body.rejections ?? []).map((r) => r.code) };
    },
  },
  {
    name: '5,000 live views and 30 connections on one token (viewer)',
    async run({ server, tokens }) {
      const { socket } = await connect(server.url, tokens.viewer);
      const refusals: Record<string, number> = {};
      socket.on(LIVE_EVENTS.subscribeError, (e: SubscribeError) => (refusals[e.code] = (refusals[e.code] ?? 0) + 1));
      let answered = 0;
      socket.on(LIVE_EVENTS.view, () => answered++);
      // First a burst of light, distinct views (past the views a connection may hold), then heavy ones as fast as it can.
      for (let i = 1; i <= 60; i++) socket.emit(LIVE_EVENTS.subscribe, { view: { indicators: ['ehr_coverage'], level: 'province', grain: 'month', last: i } });
      await new Promise((r) => setTimeout(r, 2000));
      for (let i = 60; i < 5000; i++) {
        const day = new Date(Date.UTC(2024, 0, 1 + (i % 1000))).toISOString().slice(0, 10);
        socket.emit(LIVE_EVENTS.subscribe, { view: { indicators: ['outpatient_visits'], level: i % 2 ? 'facility' : 'commune', grain: 'day', from: day, to: '2026-11-29' } });
      }
      const more = await Promise.all(Array.from({ length: 30 }, () => connect(server.url, tokens.viewer)));
      const refusedConnections = more.filter((m) => m.error).length;
      const foreign = await connect(server.url, tokens.viewer, { Origin: 'http://evil.example' });
      await new Promise((r) => setTimeout(r, 5000));
      for (const m of more) m.socket.close();
      foreign.socket.close();
      socket.close();
      return { answered, refusals, refusedConnections, foreignOriginRefused: Boolean(foreign.error) };
    },
  },
  {
    name: 'a revoked token keeps its socket (viewer)',
    async run({ server, tokens }) {
      const made = await fetch(`${server.url}/api/admin/tokens`, {
        method: 'POST',
        headers: { ...bearer(tokens.admin), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'a tablet to revoke', role: 'viewer' }),
      });
      const { id, token } = (await made.json()) as { id: number; token: string };
      const { socket } = await connect(server.url, token);
      const connected = socket.connected;
      const closed = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(performance.now())));
      const revokedAt = performance.now();
      await fetch(`${server.url}/api/admin/tokens/${id}`, { method: 'DELETE', headers: bearer(tokens.admin) });
      const at = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 5000))]);
      const again = await connect(server.url, token);
      again.socket.close();
      return { connected, disconnectedAfterMs: Math.round(at - revokedAt), reconnectRefused: Boolean(again.error) };
    },
  },
  {
    name: '20 exports at once, 4 abandoned (viewer)',
    async run({ server, tokens }) {
      const page = encodeURIComponent('/explore?indicator=ehr_coverage&unit=58&period=2024-H1');
      const exportUrl = `${server.url}/api/export?page=${page}&format=png`;
      const started = performance.now();
      const abandoned = Array.from({ length: 4 }, () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        return get(exportUrl, tokens.viewer2, { signal: controller.signal });
      });
      const rest = Array.from({ length: 16 }, () => get(exportUrl, tokens.viewer));
      const statuses = await Promise.all([...abandoned, ...rest]);
      const allAnsweredS = (performance.now() - started) / 1000;
      // Once the crowd is gone, a single export is served at once: nothing abandoned still holds the renderer.
      const t = performance.now();
      const single = await get(exportUrl, tokens.viewer);
      return { statuses: tally(statuses), allAnsweredS: Math.round(allAnsweredS * 10) / 10, nextExport: single, nextExportS: Math.round((performance.now() - t) / 100) / 10 };
    },
  },
  {
    name: 'bad logins behind the proxy (anyone)',
    async run({ server, tokens }) {
      const from = (address: string) => ({ 'X-Forwarded-For': address });
      const bad = await Promise.all(Array.from({ length: 15 }, () => get(`${server.url}/?token=guess`, undefined, { redirect: 'manual', headers: from('203.0.113.5') })));
      // A wall at the same address that already holds its cookie reopens its display address.
      const wall = await get(`${server.url}/?token=${tokens.viewer}`, undefined, { redirect: 'manual', headers: { ...from('203.0.113.5'), Cookie: `ioc_token=${tokens.viewer}` } });
      const other = await get(`${server.url}/?token=${tokens.viewer2}`, undefined, { redirect: 'manual', headers: from('198.51.100.7') });
      const good = await Promise.all(Array.from({ length: 15 }, () => get(`${server.url}/?token=${tokens.viewer2}`, undefined, { redirect: 'manual', headers: from('198.51.100.8') })));
      return { bad: tally(bad), wallWithCookie: wall, otherClient: other, successfulLogins: tally(good) };
    },
  },
];

