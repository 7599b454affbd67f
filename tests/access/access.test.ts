import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Reads need a token here, as on a default install; uploads are limited to 3 a minute and 2 KB.
let server: TestServer;
let admin: string;
let viewer: string;
beforeAll(async () => {
  server = await startTestServer(undefined, 0, { openReads: false, ingestPerMinute: 3, maxUpload: 2048 });
  admin = (await server.access.create('test admin', 'admin', 'test')).token;
  viewer = (await server.access.create('wall PC', 'viewer', 'test')).token;
});
afterAll(() => server.close());

const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { redirect: 'manual', ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
const bearerOf = (headers: Record<string, string>) => headers.Authorization!.replace('Bearer ', '');
const upload = (token: string | undefined, body: string) => call('/api/batches?file=figures.csv', token, { method: 'POST', body });
const figure = `${HEADER}\ntelehealth_consultations,22738,,2025-08,,,5,,\n`;

describe('roles', () => {
  it('lets nobody read without a token, a viewer read, and only an editor or admin write', async () => {
    expect((await call('/api/units')).status).toBe(401);
    expect((await call('/api/units', 'ioc_viewer_not-a-real-token')).status).toBe(401);
    expect((await call('/api/units', viewer)).status).toBe(200);
    expect((await upload(viewer, figure)).status).toBe(403);
    expect((await upload(undefined, figure)).status).toBe(401);
    expect((await upload(bearerOf(server.editor), figure)).status).toBe(201);
    expect((await call('/api/admin/tokens', bearerOf(server.editor))).status).toBe(403);
    // Health answers without a token and says nothing but that it runs.
    expect((await call('/api/health')).status).toBe(200);
  });

  it('keeps every write in the audit log with who made it: batches and token changes', async () => {
    const made = await call('/api/admin/tokens', admin, { method: 'POST', body: JSON.stringify({ name: 'Trạm Y tế Đô Vinh', role: 'editor' }), headers: { 'Content-Type': 'application/json' } });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: number; token: string };
    expect(token).toMatch(/^ioc_editor_/);
    expect((await upload(token, figure)).status).toBe(201);
    // Tokens are listed without any secret, and only their hashes are stored.
    const listed = JSON.stringify(await (await call('/api/admin/tokens', admin)).json());
    expect(listed).toContain('Trạm Y tế Đô Vinh');
    expect(listed).not.toContain(token);
    const stored = await server.wall.store.query<{ token_sha256: string }>('SELECT token_sha256 FROM credentials WHERE id = $1', [id]);
    expect(stored[0]!.token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await call(`/api/admin/tokens/${id}`, admin, { method: 'DELETE' })).status).toBe(204);
    expect((await upload(token, figure)).status).toBe(401);
    const audit = (await (await call('/api/admin/audit', admin)).json()) as { actor: string; action: string; target: string }[];
    expect(audit.map((a) => [a.actor, a.action])).toEqual(
      expect.arrayContaining([
        ['test admin', 'token_created'],
        ['Trạm Y tế Đô Vinh', 'batch'],
        ['test admin', 'token_revoked'],
        ['test editor', 'batch'],
      ]),
    );
  });

  it('turns ?token= on a screen into an HttpOnly cookie and takes it out of the address', async () => {
    const res = await call(`/explore?unit=585&token=${viewer}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/explore?unit=585');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ioc_token=.*HttpOnly.*SameSite=Strict/i);
    expect((await call('/api/units', undefined, { headers: { Cookie: cookie.split(';')[0]! } })).status).toBe(200);
    expect((await call('/?token=wrong')).status).toBe(401);
  });

  it('admits a Socket.IO connection with a token and refuses one without', async () => {
    const connect = (auth?: { token: string }) =>
      new Promise<string>((resolve) => {
        const socket = io(server.url, { transports: ['websocket'], reconnection: false, ...(auth ? { auth } : {}) });
        socket.on('connect', () => (socket.close(), resolve('connected')));
        socket.on('connect_error', (err) => (socket.close(), resolve(err.message)));
      });
    expect(await connect()).toMatch(/unauthenticated/);
    expect(await connect({ token: viewer })).toBe('connected');
  });
});

describe('briefings when reads need a token', () => {
  it("render with the server's own viewer token: a viewer gets the picture", async () => {
    const res = await call(`/api/export?${new URLSearchParams({ page: '/explore?indicator=telehealth_consultations&unit=585&period=2024-H1', format: 'png' })}`, viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await call('/api/export?page=/&format=png')).status).toBe(401);
  }, 60_000);
});

describe('hardening', () => {
  it('sends security headers with a CSP that lets MapLibre run its blob: worker', async () => {
    const res = await call('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses an upload over the size limit with 413, and a burst past the rate limit with 429, while the wall keeps being served', async () => {
    const big = `${HEADER}\n${'telehealth_consultations,22738,,2025-08,,,5,,\n'.repeat(100)}`;
    const refused = await upload(bearerOf(server.editor), big);
    expect(refused.status).toBe(413);
    // The answer says the limit, so the data officer knows how far to split the file, and the
    // refused upload is on record in the batch log and the audit log.
    const body = (await refused.json()) as { message: string; id: number; status: string };
    expect(body.message).toMatch(/giới hạn 2 KB \(IOC_MAX_UPLOAD\)/);
    expect(body.status).toBe('rejected');
    const [batch] = await server.wall.store.query('SELECT status, file_name FROM batches WHERE id = $1', [body.id]);
    expect(batch).toEqual({ status: 'rejected', file_name: 'figures.csv' });
    const [audited] = await server.wall.store.query("SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'batch' AND target = $1", [String(body.id)]);
    expect(audited).toEqual({ n: 1 });
    const burst = await Promise.all(Array.from({ length: 8 }, () => upload(bearerOf(server.editor), figure)));
    expect(burst.map((r) => r.status)).toContain(429);
    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('/api/rollup?indicators=telehealth_consultations&level=area&grain=month&last=3', viewer)).status).toBe(200);
  });

  it('limits logins, and answers a malformed request without a stack trace or SQL', async () => {
    const tries = await Promise.all(
      Array.from({ length: 12 }, () => call('/api/session', undefined, { method: 'POST', body: '{"token": "guess"}', headers: { 'Content-Type': 'application/json' } })),
    );
    expect(tries.map((r) => r.status)).toContain(429);
    const bad = await call('/api/rollup?indicators=x&level=area&grain=month&last=3', viewer);
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).not.toMatch(/at .*\.ts:\d+|SELECT|FROM facts/);
  });
});
