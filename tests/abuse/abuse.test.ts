/**
 * Hold under abuse: each attack a low role can make runs against a real server process (over a
 * fresh demo database, reads needing a token, behind a trusted loopback proxy). While it runs,
 * /api/health answers within 1 s at p95 and the server stays under 1 GB; after it, the server
 * still serves and no figure was lost. `npm run bench:abuse` prints the same figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeTokens, startServerProcess, type ServerProcess } from '../bench/server-process.ts';
import { ATTACKS, underAttack, type Target, type UnderAttack } from './attacks.ts';

let dir: string;
let target: Target;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ioc-abuse-'));
  const database = join(dir, 'ioc.duckdb');
  const tokens = await makeTokens(database, { viewer: 'viewer', viewer2: 'viewer', editor: 'editor', admin: 'admin' });
  const server: ServerProcess = await startServerProcess(database, { IOC_DEMO: 'on', IOC_READS: 'token', IOC_TRUST_PROXY: 'loopback', IOC_INGEST_PER_MINUTE: '120', IOC_CLIENT_DIR: inject('clientDir') });
  target = { server, tokens };
}, 240_000);
afterAll(async () => {
  await target?.server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The facts stored, as /api/health reads them after now (it answers from a reading a few seconds old at most). */
async function facts(): Promise<number> {
  const asked = Date.now();
  for (;;) {
    const health = (await (await fetch(`${target.server.url}/api/health`)).json()) as { facts: number; checked_at: string | null };
    if (health.checked_at && Date.parse(health.checked_at) > asked) return health.facts;
    await new Promise((r) => setTimeout(r, 250));
  }
}
const attack = (name: string) => ATTACKS.find((a) => a.name === name)!;

/** Runs the attack, checks health and memory held, and that the server serves with its figures intact after. */
async function survive(name: string): Promise<UnderAttack> {
  const before = await facts();
  const result = await underAttack(target, attack(name));
  console.log(`${name}: health p95 ${result.health.p95.toFixed(0)} ms (max ${result.health.max.toFixed(0)}, ${result.health.samples} samples), RSS peak ${result.rssPeakMb.toFixed(0)} MB, ${JSON.stringify(result.outcome)}`);
  expect(result.health.samples).toBeGreaterThan(0);
  expect(result.health.p95).toBeLessThan(1000);
  expect(result.rssPeakMb).toBeLessThan(1024);
  const after = await fetch(`${target.server.url}/api/rollup?indicators=ehr_coverage&level=area&grain=half&from=2024-H1&to=2024-H1`, {
    headers: { Authorization: `Bearer ${target.tokens.viewer2}` },
  });
  expect(after.status).toBe(200);
  expect(await facts()).toBe(before);
  return result;
}

describe('under abuse by a low role, the server', () => {
  /** Every answer is a refusal or a figure, never a failure; a request of each kind alone gets what it should. */
  const allowed = (statuses: unknown) => Object.keys(statuses as object).every((s) => ['200', '400', '429', '503'].includes(s));

  it('refuses a quality request over any span with 400, saying the cap', async () => {
    const { outcome } = await survive('quality over any span (viewer)');
    expect(allowed(outcome.statuses)).toBe(true);
    // 0001–9999 and 1990–2026 are past the 36-month cap; 2023-12 – 2026-10 is within it.
    const [any, long, within] = outcome.single as { status: number; message?: string }[];
    for (const refused of [any!, long!]) expect(refused).toMatchObject({ status: 400, message: expect.stringContaining('at most 36 months') });
    expect([200, 503]).toContain(within!.status);
  });

  it('refuses views past their span or answer caps, and keeps answering a small view quickly while heavy ones run', async () => {
    const { outcome } = await survive('rollup over any span, ten at once (viewer)');
    expect(allowed(outcome.statuses)).toBe(true);
    const [years, daysOfFacilities, weeks, range] = outcome.single as { status: number; message?: string }[];
    expect(years).toMatchObject({ status: 400, message: expect.stringContaining('the year must be between 1900 and 2199') });
    expect(daysOfFacilities).toMatchObject({ status: 400, message: expect.stringContaining('more than 20,000 figures') });
    expect(weeks).toMatchObject({ status: 400, message: expect.stringContaining('at most 10 years of weeks') });
    expect([200, 503]).toContain(range!.status);
    expect(outcome.smallViewP95Ms).toBeLessThan(2000);
  });

  it('refuses an XLSX that inflates past its row cap, naming the cap, with the upload in the batch and audit logs', async () => {
    const { outcome } = await survive('XLSX inflating to 400 MB of tiny rows (editor)');
    expect(outcome).toMatchObject({ status: 422, codes: ['xlsx_too_many_rows'] });
    expect(outcome.uploadMb).toBeLessThan(5);
    const audit = (await (await fetch(`${target.server.url}/api/admin/audit`, { headers: { Authorization: `Bearer ${target.tokens.admin}` } })).json()) as { action: string; target: string; detail: string }[];
    expect(audit.find((a) => a.action === 'batch' && a.target === String(outcome.batch))?.detail).toContain('"status":"rejected"');
  });

  it('bounds a socket: views per connection, subscriptions a second, connections per token, foreign origins', async () => {
    const { outcome } = await survive('5,000 live views and 30 connections on one token (viewer)');
    // The light burst: 50 views held, the rest refused; then the flood: refused by rate.
    expect(outcome.answered).toBe(50);
    expect((outcome.refusals as Record<string, number>).too_many_views).toBeGreaterThanOrEqual(10);
    expect((outcome.refusals as Record<string, number>).too_many_subscriptions).toBeGreaterThan(4800);
    expect(outcome.refusedConnections).toBe(21);
    expect(outcome.foreignOriginRefused).toBe(true);
  });

  it("closes a revoked token's socket within a second and refuses it after", async () => {
    const { outcome } = await survive('a revoked token keeps its socket (viewer)');
    expect(outcome.connected).toBe(true);
    expect(outcome.disconnectedAfterMs as number).toBeLessThan(1000);
    expect(outcome.reconnectRefused).toBe(true);
  });

  it('queues exports fairly: one per client, the rest refused at once; abandoned ones do not hold the renderer', async () => {
    const { outcome } = await survive('20 exports at once, 4 abandoned (viewer)');
    const statuses = outcome.statuses as Record<string, number>;
    // One export per client: the viewer's first renders, its 15 others are refused; viewer2's 4 were abandoned (0).
    expect(statuses[429]).toBe(15 + 3);
    expect(statuses[200]).toBe(1);
    expect(outcome.nextExport).toBe(200);
  }, 120_000);

  it('limits failed logins per client behind the proxy, never successful ones, never a wall holding its cookie; and keeps them on record', async () => {
    const { outcome } = await survive('bad logins behind the proxy (anyone)');
    expect(outcome.bad).toEqual({ 401: 10, 429: 5 });
    expect(outcome.wallWithCookie).toBe(303);
    expect(outcome.otherClient).toBe(303);
    expect(outcome.successfulLogins).toEqual({ 303: 15 });
    const security = (await (await fetch(`${target.server.url}/api/admin/security`, { headers: { Authorization: `Bearer ${target.tokens.admin}` } })).json()) as {
      kind: string;
      client: string;
      detail: string | null;
      action: string;
    }[];
    const failed = security.filter((e) => e.kind === 'login_failed');
    expect(failed.length).toBe(10);
    expect(failed.every((e) => e.client === '203.0.113.5')).toBe(true);
    expect(security.some((e) => e.kind === 'rate_limited' && e.client === '203.0.113.5')).toBe(true);
    expect(security.some((e) => e.kind === 'origin_refused')).toBe(true);
    // No token is ever written down.
    expect(JSON.stringify(security)).not.toContain(target.tokens.viewer);
  });

  it('sets the login cookie Secure when the trusted proxy says the request came over HTTPS, and keeps log lines single', async () => {
    const login = (headers: Record<string, string>) =>
      fetch(`${target.server.url}/?token=${target.tokens.viewer}`, { redirect: 'manual', headers: { 'X-Forwarded-For': '192.0.2.10', ...headers } });
    expect((await login({ 'X-Forwarded-Proto': 'https' })).headers.get('set-cookie')).toMatch(/; Secure/);
    expect((await login({})).headers.get('set-cookie')).not.toMatch(/; Secure/);
    const forged = `ops\r\n2026-11-30 admin token_created`;
    const res = await fetch(`${target.server.url}/api/batches?file=${encodeURIComponent('a\r\nb.csv')}&by=${encodeURIComponent(forged)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${target.tokens.editor}` },
      body: 'indicator,unit,period,value\ntelehealth_consultations,22738,2025-08,5\n',
    });
    const { id } = (await res.json()) as { id: number };
    const audit = (await (await fetch(`${target.server.url}/api/admin/audit`, { headers: { Authorization: `Bearer ${target.tokens.admin}` } })).json()) as { actor: string; target: string; detail: string }[];
    const entry = audit.find((a) => a.target === String(id))!;
    expect(entry.actor).toBe('bench editor for ops  2026-11-30 admin token_created');
    expect(`${entry.actor}${entry.detail}`).not.toMatch(/[\r\n]/);
  });
});
