/**
 * Push to the provincial IOC against a real receiver process on loopback that is killed and
 * restarted mid-stream, and across a restart of our own server on the same database file (one
 * batch landing while the server stops, before its outbox entry is written): every
 * change is delivered, none twice, none lost; the outbox, the attempts and the audit show it all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWall } from '../../server/bootstrap.ts';
import { readConfig } from '../../server/config.ts';
import { backoffMs } from '../../server/push/deliver.ts';
import type { OutboxEntry } from '../../server/push/outbox.ts';
import { signatureOf, verifySignature } from '../../server/push/sign.ts';
import { ingestCsv } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const SECRET = 'a shared secret for the tests';
const dir = mkdtempSync(join(tmpdir(), 'ioc-push-'));
const log = join(dir, 'received.jsonl');
const config = { ...readConfig({}), databaseFile: join(dir, 'ioc.duckdb'), demoDir: join(dir, 'demo'), demo: false };
// Short waits between attempts, so the test sees several of them; never given up within the test.
const fast = { baseDelayMs: 40, maxDelayMs: 300, timeoutMs: 2_000, maxAttempts: 1_000 };

/** Our server over the database file of this test, which survives its close. */
async function startServer(): Promise<TestServer> {
  const wall = await openWall(config, { push: fast });
  const own: TestWall = { ...wall, config, dir, close: async () => undefined };
  const server = await startTestServer(own);
  return {
    ...server,
    async close() {
      await server.close();
      wall.push.close();
      wall.attention.close();
      await wall.store.close();
    },
  };
}

let receiver: ChildProcess | null = null;
/** Every receiver process started, so that none outlives a failed test. */
const children = new Set<ChildProcess>();
async function startReceiver(port = 0, into = log): Promise<number> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'receiver.mjs'), String(port), SECRET, into], { stdio: ['ignore', 'pipe', 'inherit'] });
  receiver = child;
  children.add(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return Number(/listening (\d+)/.exec(line.toString())![1]);
}
async function killReceiver(): Promise<void> {
  const child = receiver!;
  receiver = null;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}
const received = (from = log): { key: string; signed: boolean; type: string; body: string }[] =>
  existsSync(from) ? readFileSync(from, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

let server: TestServer;
let admin: Record<string, string>;
const outbox = async () => (await (await fetch(`${server.url}/api/admin/outbox`, { headers: admin })).json()) as OutboxEntry[];
const entryOf = async (batch: number) => (await outbox()).find((e) => e.batch_id === batch);
const batch = async (line: string) => {
  const report = await ingestCsv(server.wall, [line], { fileName: `b${Date.now()}.csv` });
  expect(report.status).toBe('committed');
  await server.wall.push.enqueued();
  return report;
};
const poll = { timeout: 15_000, interval: 50 };

let other: TestServer | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  await other?.close();
  await other?.wall.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('push to the provincial IOC', () => {
  it('signs and backs off as documented', () => {
    expect(verifySignature('{"a":1}', SECRET, signatureOf('{"a":1}', SECRET))).toBe(true);
    expect(verifySignature('{"a":2}', SECRET, signatureOf('{"a":1}', SECRET))).toBe(false);
    expect(verifySignature('{"a":1}', SECRET, undefined)).toBe(false);
    const options = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
    expect(backoffMs(1, options, () => 1)).toBe(1_000);
    expect(backoffMs(3, options, () => 1)).toBe(4_000);
    expect(backoffMs(3, options, () => 0)).toBe(2_000);
    expect(backoffMs(40, options, () => 1)).toBe(60_000);
  });

  it('delivers every change once, through a receiver outage and a restart of our server', async () => {
    server = await startServer();
    admin = { Authorization: `Bearer ${(await server.access.create('test admin', 'admin', 'test')).token}`, 'Content-Type': 'application/json' };
    const port = await startReceiver();
    const register = (body: object, headers = admin) => fetch(`${server.url}/api/admin/receivers`, { method: 'POST', headers, body: JSON.stringify(body) });
    const view = { indicators: ['telehealth_consultations'], level: 'province', grain: 'month', from: '2025-01', to: '2025-12' };
    const ioc = { name: 'IOC tỉnh', url: `http://127.0.0.1:${port}/ioc`, format: 'fhir', views: [view], secret: SECRET };

    // Refused: plain http off this machine, a short secret, a bad view; and anyone but an admin.
    const bad = await register({ ...ioc, url: 'http://10.0.0.5/ioc', secret: 'short', views: [{ ...view, grain: 'fortnight' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: string[] }).errors.map((e) => e.split(':')[0])).toEqual(['url', 'secret', 'views[0].grain']);
    expect((await register(ioc, { ...server.editor, 'Content-Type': 'application/json' })).status).toBe(403);
    const made = await register(ioc);
    expect(made.status).toBe(201);
    const listed = await (await fetch(`${server.url}/api/admin/receivers`, { headers: admin })).text();
    expect(listed).toContain('IOC tỉnh');
    expect(listed).not.toContain(SECRET);

    // Batch 1 reaches the receiver; a batch of another indicator makes no entry.
    const first = await batch('telehealth_consultations,22810,,2025-03,,,44,,');
    await expect.poll(async () => (await entryOf(first.id))?.status, poll).toBe('delivered');
    await batch('dengue_cases,,TYT-22810,2025-W10,,,2,,');
    // The same batch announced again is the same entry: nothing new (UNIQUE idempotency key).
    server.wall.store.notifyCommit(first.footprint!);
    await server.wall.push.enqueued();
    expect(await outbox()).toHaveLength(1);

    // The receiver goes down: batches 2 and 3 wait, their attempts recorded; back up, both arrive in order.
    await killReceiver();
    const second = await batch('telehealth_consultations,22810,,2025-04,,,45,,');
    const third = await batch('telehealth_consultations,22795,,2025-05,,,9,,');
    await expect.poll(async () => (await entryOf(second.id))?.attempts ?? 0, poll).toBeGreaterThanOrEqual(3);
    expect(await entryOf(third.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await entryOf(second.id))!.last_error).toMatch(/ECONNREFUSED/);
    await startReceiver(port);
    await expect.poll(async () => [(await entryOf(second.id))?.status, (await entryOf(third.id))?.status], poll).toEqual(['delivered', 'delivered']);

    // Down again; our server closes with batch 4 pending, and batch 5 lands as the server stops
    // before its entry is written (a crash between the two). Reopened on the same file, it delivers both.
    await killReceiver();
    const fourth = await batch('telehealth_consultations,22801,,2025-06,,,13,,');
    await expect.poll(async () => (await entryOf(fourth.id))?.attempts ?? 0, poll).toBeGreaterThanOrEqual(1);
    server.wall.push.close();
    const fifth = await batch('telehealth_consultations,22810,,2025-08,,,51,,');
    expect(await entryOf(fifth.id)).toBeUndefined();
    await server.close();
    await startReceiver(port);
    server = await startServer();
    admin = { Authorization: `Bearer ${(await server.access.create('test admin 2', 'admin', 'test')).token}`, 'Content-Type': 'application/json' };
    await expect.poll(async () => [(await entryOf(fourth.id))?.status, (await entryOf(fifth.id))?.status], poll).toEqual(['delivered', 'delivered']);

    // At the receiver: every entry's key exactly once, signed, as FHIR.
    const entries = await outbox();
    expect(entries.map((e) => e.batch_id).sort()).toEqual([first.id, second.id, third.id, fourth.id, fifth.id].sort());
    const keys = received().map((r) => r.key);
    expect(keys.sort()).toEqual(entries.map((e) => e.idempotency_key).sort());
    expect(received().every((r) => r.signed && r.type.startsWith('application/fhir+json'))).toBe(true);
    // Delivered in the order the batches landed, each with the figures it changed: the province's month.
    expect(received().map((r) => entries.find((e) => e.idempotency_key === r.key)!.batch_id)).toEqual([first.id, second.id, third.id, fourth.id, fifth.id]);
    const reports = received().map((r) => (JSON.parse(r.body) as { entry: { resource: { period: { start: string }; group: { population: { count: number }[] }[] } }[] }).entry);
    expect(reports.map((e) => e.map((x) => x.resource.period.start))).toEqual([['2025-03-01'], ['2025-04-01'], ['2025-05-01'], ['2025-06-01'], ['2025-08-01']]);
    expect(reports[1]![0]!.resource.group[0]!.population[0]!.count).toBe(45);

    // The admin sees each attempt; the audit log holds the registration and every outcome.
    const two = entries.find((e) => e.batch_id === second.id)!;
    expect(two.attempt_log.length).toBe(two.attempts);
    expect(two.attempt_log.at(-1)).toMatchObject({ http_status: 200, error: null });
    expect(two.attempt_log[0]).toMatchObject({ http_status: null });
    const audit = (await (await fetch(`${server.url}/api/admin/audit`, { headers: admin })).json()) as { action: string; detail: string }[];
    const actions = audit.map((a) => a.action);
    expect(actions).toContain('receiver_registered');
    expect(actions.filter((a) => a === 'push_delivered')).toHaveLength(5);
    expect(actions.filter((a) => a === 'push_attempt_failed').length).toBe(entries.reduce((n, e) => n + e.attempts, 0) - 5);

    // Removed, a receiver gets nothing more.
    const id = ((await made.json()) as { id: number }).id;
    expect((await fetch(`${server.url}/api/admin/receivers/${id}`, { method: 'DELETE', headers: admin })).status).toBe(204);
    await batch('telehealth_consultations,22810,,2025-07,,,50,,');
    expect(await outbox()).toHaveLength(5);
    await killReceiver();
  });

  it('pushes DHIS2 as the export writes it, gives up after the last attempt, and never sends what the format cannot carry', async () => {
    const wall = await openTestWall({}, { push: { baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 1_000, maxAttempts: 2 } });
    other = await startTestServer(wall);
    const headers = { Authorization: `Bearer ${(await other.access.create('test admin', 'admin', 'test')).token}`, 'Content-Type': 'application/json' };
    const dhis2Log = join(dir, 'dhis2.jsonl');
    // A port nothing listens on: a receiver's, once killed.
    const dead = await startReceiver(0, join(dir, 'dead.jsonl'));
    await killReceiver();
    const live = await startReceiver(0, dhis2Log);
    const weeks = { indicators: ['dengue_cases'], grain: 'week', from: '2025-W01', to: '2025-W52' };
    const register = async (name: string, port: number, format: string, level: string) => {
      const res = await fetch(`${other!.url}/api/admin/receivers`, { method: 'POST', headers, body: JSON.stringify({ name, url: `http://localhost:${port}/in`, format, views: [{ ...weeks, level }], secret: SECRET }) });
      expect(res.status).toBe(201);
    };
    await register('LGSP', live, 'dhis2', 'facility');
    await register('down', dead, 'adx', 'facility');
    // Areas have no DHIS2 org unit in the mapping: refused, all of it, never sent in part.
    await register('unmapped', live, 'dhis2', 'area');

    const report = await ingestCsv(wall, ['dengue_cases,,TYT-22810,2025-W10,,,2,,'], { fileName: 'dengue.csv' });
    await wall.push.enqueued();
    const entries = async () => (await (await fetch(`${other!.url}/api/admin/outbox`, { headers })).json()) as OutboxEntry[];
    await expect.poll(async () => (await entries()).map((e) => [e.receiver, e.status]).sort(), poll).toEqual([['LGSP', 'delivered'], ['down', 'failed'], ['unmapped', 'failed']]);
    const all = await entries();
    expect(all.find((e) => e.receiver === 'down')).toMatchObject({ attempts: 2, batch_id: report.id });
    expect(all.find((e) => e.receiver === 'unmapped')).toMatchObject({ attempts: 0, bytes: 0 });
    expect(all.find((e) => e.receiver === 'unmapped')!.last_error).toMatch(/Không xuất được DHIS2.*Cannot export DHIS2/);
    const [got] = received(dhis2Log);
    expect(got!.type).toMatch(/^application\/json/);
    expect(JSON.parse(got!.body)).toEqual({ dataValues: [{ dataElement: 'SXHcaMac001', period: '2025W10', orgUnit: 'TYTNinhSon1', categoryOptionCombo: 'HllvX50cXC0', value: '2' }] });
    const actions = ((await (await fetch(`${other.url}/api/admin/audit`, { headers })).json()) as { action: string; target: string }[]).map((a) => `${a.action} ${a.target}`);
    expect(actions).toEqual(expect.arrayContaining(['push_delivered LGSP', 'push_attempt_failed down', 'push_failed down', 'push_refused unmapped']));
  });
});
