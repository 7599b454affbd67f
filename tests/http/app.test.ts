import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('HTTP app', () => {
  it('GET /api/health answers ok with the pack it serves', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', pack: 'ninh-thuan', units: 32, facilities: 36 });
  });

  it('GET /api/boundaries serves the pack topology with province, area and commune objects, and the map context', async () => {
    const res = await fetch(`${server.url}/api/boundaries`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const topo = (await res.json()) as { type: string; objects: Record<string, unknown> };
    expect(topo.type).toBe('Topology');
    expect(Object.keys(topo.objects).filter((o) => !o.startsWith('context_'))).toEqual(['province', 'area', 'commune']);
    expect(Object.keys(topo.objects).filter((o) => o.startsWith('context_')).sort()).toEqual(['context_archipelago', 'context_commune', 'context_land', 'context_province', 'context_sea']);
  });

  it('answers an unknown API path with a JSON 404, not the client page', async () => {
    const res = await fetch(`${server.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('serves the client page on any other path, so links into the app reopen it', async () => {
    const res = await fetch(`${server.url}/explore/area/585`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('refuses an export size that only looks like one of the object (size=toString) before starting Chromium', async () => {
    for (const size of ['toString', '__proto__', 'constructor']) {
      const res = await fetch(`${server.url}/api/export?page=${encodeURIComponent('/?scene=digital')}&format=png&size=${size}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain('size must be one of 1920x1080, 3840x2160');
    }
  });

  it('answers /api/health from memory, with the facts stored and when they were read', async () => {
    const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as { facts: number | null; checked_at: string };
    await expect.poll(async () => (await health()).facts).toBeGreaterThan(200);
    expect(Date.parse((await health()).checked_at)).toBeGreaterThan(0);
  });
});
