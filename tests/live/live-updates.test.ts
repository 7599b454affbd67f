import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { LIVE_LIMITS, type FreshnessMessage, type SubscribeError, type ViewMessage } from '../../data/schema/live.ts';
import type { View } from '../../data/schema/view.ts';
import { LiveClient } from '../../client/live/live-client.ts';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
let server: TestServer;
const clients: LiveClient[] = [];
beforeAll(async () => {
  wall = await openTestWall();
  server = await startTestServer(wall);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await server.close();
  await wall.close();
});

const telehealth: View = { indicators: ['telehealth_consultations'], level: 'area', grain: 'month', from: '2025-01', to: '2025-12' };

async function until<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function client(url = server.url, lingerMs?: number) {
  const live = new LiveClient(url, { reconnectionDelayMax: 300, ...(lingerMs === undefined ? {} : { lingerMs }) });
  const messages: ViewMessage[] = [];
  const freshness: FreshnessMessage[] = [];
  const states: string[] = [];
  live.listen({ view: (_k, _h, m) => messages.push(m), freshness: (f) => freshness.push(f), connection: (s) => states.push(s) });
  clients.push(live);
  return { live, messages, freshness, states };
}

const upload = async (lines: string[]) => {
  const res = await fetch(`${server.url}/api/batches?file=live.csv`, { method: 'POST', body: [HEADER, ...lines].join('\n'), headers: server.editor });
  const body = (await res.json()) as { id: number; status: string };
  expect(body.status).toBe('committed');
  return body.id;
};

describe('live updates', () => {
  it('send a subscriber the view in full, then the rows a touching batch changes, with its version, and freshness', async () => {
    const c = client();
    const key = c.live.subscribe(telehealth);
    const first = await until(() => c.messages.find((m) => m.key === key && m.full));
    const batch = await upload(['telehealth_consultations,22810,,2025-03,,,44,,']);
    const update = await until(() => c.messages.find((m) => !m.full && m.version === batch));
    expect(update.version).toBeGreaterThan(first.version);
    expect(update.rows).toEqual([expect.objectContaining({ entity: expect.objectContaining({ code: '585' }), value: 44 })]);
    expect(update.committedAt).toBeGreaterThan(0);
    expect(c.live.current(key)!.answer.rows.find((r) => r.entity.code === '585' && r.period.label === '2025-03')!.value).toBe(44);
    await until(() => c.freshness.find((f) => f.version === batch));
  });

  it('name in freshness what the latest batches brought: reporter, indicator, period, newest first, a big batch as a few pairs and a count', async () => {
    const c = client();
    const one = await upload(['telehealth_consultations,,TYT-22810,2025-04,,,12,,']);
    const many = await upload([
      'telehealth_consultations,,TYT-22810,2025-05,,,13,,',
      'telehealth_consultations,,TYT-22813,2025-05,,,9,,',
      'telehealth_consultations,,TYT-22828,2025-05,,,7,,',
      'telehealth_consultations,,TYT-22834,2025-05,,,5,,',
      'telehealth_consultations,,TYT-22822,2025-05,,,4,,',
    ]);
    const fresh = await until(() => c.freshness.find((f) => f.version === many));
    const name = (code: string) => wall.pack.facilities.find((f) => f.code === code)!.name;
    const [newest] = fresh.arrivals;
    expect(newest).toMatchObject({ batch: many, indicator: 'telehealth_consultations', period: { grain: 'month', start: '2025-05-01' }, demo: false });
    const ofMany = fresh.arrivals.filter((a) => a.batch === many);
    expect(ofMany).toHaveLength(3);
    expect(ofMany.at(-1)!.more).toBe(2);
    expect(ofMany.slice(0, -1).every((a) => a.more === 0)).toBe(true);
    expect(fresh.arrivals.find((a) => a.batch === one)).toMatchObject({ reporter: name('TYT-22810'), more: 0, period: { start: '2025-04-01' } });
    expect(fresh.arrivals.map((a) => a.batch)).toEqual([...fresh.arrivals.map((a) => a.batch)].sort((a, b) => b - a));
  });

  it('send nothing for a batch that touches another indicator', async () => {
    const c = client();
    c.live.subscribe(telehealth);
    await until(() => c.messages.find((m) => m.full));
    await upload(['dengue_cases,,TYT-22810,2025-W10,,,2,,']);
    await server.live.hub.settled();
    expect(c.messages.filter((m) => !m.full)).toEqual([]);
  });

  it('recompute a view once per batch however many clients watch it', async () => {
    const view: View = { ...telehealth, level: 'commune', parent: '584' };
    const [a, b] = [client(), client()];
    a.live.subscribe(view);
    b.live.subscribe(view);
    await until(() => (a.messages.length > 0 && b.messages.length > 0 ? true : undefined));
    await server.live.hub.settled();
    const before = server.live.hub.stats.recomputes;
    const batch = await upload(['telehealth_consultations,22795,,2025-04,,,9,,']);
    await until(() => (a.messages.some((m) => m.version === batch) && b.messages.some((m) => m.version === batch) ? true : undefined));
    await server.live.hub.settled();
    // Views nobody watches any more (those of the tests above) are forgotten, so this is the only one.
    expect(server.live.hub.stats.recomputes - before).toBe(1);
  });

  it('catch a client up that subscribes with an old version', async () => {
    const c = client();
    const key = c.live.subscribe(telehealth);
    const held = await until(() => c.messages.find((m) => m.full));
    c.live.close();
    await upload(['telehealth_consultations,22801,,2025-05,,,13,,']);
    const late = new LiveClient(server.url);
    clients.push(late);
    const got: ViewMessage[] = [];
    late.listen({ view: (_k, _h, m) => got.push(m) });
    late.socket.emit('subscribe', { view: telehealth, version: held.version });
    const catchUp = await until(() => got.find((m) => m.key === key));
    expect(catchUp).toMatchObject({ full: true });
    expect(catchUp.version).toBeGreaterThan(held.version);
  });

  it('recover after the server restarts: the client reconnects, re-subscribes with its version and gets what it missed', async () => {
    const c = client();
    const key = c.live.subscribe(telehealth);
    await until(() => c.messages.find((m) => m.full));
    const port = server.port;
    await server.close();
    await until(() => (c.states.includes('disconnected') ? true : undefined));
    // A batch lands while the server is down (through the store, as the restarted server will find it).
    const { ingestFile } = await import('../../server/ingest/index.ts');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${wall.dir}/offline.csv`, `${HEADER}\ntelehealth_consultations,22786,,2025-06,,,21,,\n`);
    const offline = await ingestFile(wall.store, wall.pack, { fileName: 'offline.csv', path: `${wall.dir}/offline.csv` }, {
      channel: 'cli', submittedBy: 'test', fileName: 'offline.csv', source: null, demo: false, acceptPartial: false,
    });
    server = await startTestServer(wall, port);
    const caughtUp = await until(() => c.messages.find((m) => m.full && m.version >= offline.id), 10_000);
    expect(caughtUp.answer!.rows.some((r) => r.entity.code === '584' && r.value === 21)).toBe(true);
    expect(c.live.current(key)!.version).toBe(caughtUp.version);
  });

  it('subscribe a view that two parts of a screen watch once, keep it until the last lets go, and a moment longer', async () => {
    const c = client(server.url, 300);
    const key = c.live.subscribe(telehealth);
    expect(c.live.subscribe(telehealth)).toBe(key);
    await until(() => c.messages.find((m) => m.key === key && m.full));
    await new Promise((r) => setTimeout(r, 200));
    expect(c.messages.filter((m) => m.key === key && m.full)).toHaveLength(1);
    c.live.unsubscribe(key);
    const batch = await upload(['telehealth_consultations,22810,,2025-04,,,45,,']);
    await until(() => c.messages.find((m) => !m.full && m.version === batch));
    expect(c.live.current(key)?.version).toBe(batch);
    c.live.unsubscribe(key);
    // Nobody watches it: still live for a moment (going back up a drill-down shows it at once, current)…
    expect(c.live.current(key)?.version).toBe(batch);
    expect(c.live.subscribe(telehealth)).toBe(key);
    await new Promise((r) => setTimeout(r, 500));
    expect(c.messages.filter((m) => m.key === key && m.full)).toHaveLength(1);
    c.live.unsubscribe(key);
    // …then let go.
    await until(() => (c.live.current(key) === undefined ? true : undefined), 2000);
  });

  it('answer a malformed subscription with an error event and keep serving', async () => {
    const raw = io(server.url, { transports: ['websocket'] });
    const errors: SubscribeError[] = [];
    raw.on('subscribe_error', (e: SubscribeError) => errors.push(e));
    raw.emit('subscribe', 'not an object');
    raw.emit('subscribe', { view: { indicators: ['x'], level: 'area' } });
    raw.emit('subscribe', { view: telehealth, version: 'new' });
    raw.emit('subscribe', { view: { ...telehealth, indicators: ['no_such_indicator'] } });
    await until(() => (errors.length === 4 ? true : undefined));
    expect(errors.map((e) => e.code)).toEqual(['bad_subscription', 'bad_view', 'bad_subscription', 'bad_view']);
    expect(errors[3]!.message).toContain('unknown indicator "no_such_indicator"');
    raw.close();
    const c = client();
    c.live.subscribe(telehealth);
    await until(() => c.messages.find((m) => m.full));
  });

  it('still draws a view the server will not keep live (past the views a connection may hold): read once over HTTP', async () => {
    const c = client();
    const errors: SubscribeError[] = [];
    c.live.listen({ error: (e) => errors.push(e) });
    // Distinct small views: the same months, ending on successive days.
    const views = Array.from({ length: LIVE_LIMITS.viewsPerConnection + 1 }, (_, i): View => ({
      ...telehealth,
      grain: 'range',
      from: '2025-01-01',
      to: new Date(Date.UTC(2025, 5, 1 + i)).toISOString().slice(0, 10),
    }));
    const keys = [...new Set(views.map((v) => c.live.subscribe(v)))];
    expect(keys.length).toBe(LIVE_LIMITS.viewsPerConnection + 1);
    await until(() => (errors.some((e) => e.code === 'too_many_views') ? true : undefined));
    // Every view has its answer, the refused one too.
    await until(() => (keys.every((k) => c.live.current(k)) ? true : undefined));
    const refused = errors.find((e) => e.code === 'too_many_views')!.key!;
    expect(c.live.current(refused)!.version).toBe(0);
  });
});
