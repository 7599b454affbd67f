/**
 * The khanh-hoa pack, made with `npm run pack` (issue 18): it opens with IOC_PACK=khanh-hoa, shows
 * the Ministry's targets only (it sets none of its own yet), says what it lacks, and never shows
 * Ninh Thuận's plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../data/schema/indicator.ts';
import { readConfig } from '../../server/config.ts';
import { issuerOf } from '../../server/reference/load-targets.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall } from '../support/wall.ts';

const log: string[] = [];
let server: TestServer;
beforeAll(async () => {
  const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: 'khanh-hoa' });
  const wall = await openTestWall({ packId, packDir, boundariesFile }, { log: (line) => log.push(line) });
  server = await startTestServer(wall);
}, 60_000);
afterAll(async () => {
  await server?.close();
  server?.wall.close();
});
const get = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;

describe('IOC_PACK=khanh-hoa', () => {
  it('opens on the 65 communes of today’s province in 16 health areas, Trường Sa included', async () => {
    expect(await get('/api/health')).toMatchObject({ status: 'ok', pack: 'khanh-hoa', units: 82 });
    const province = await get<{ name: string; children: string[] }>('/api/units/56');
    expect(province.name).toBe('Khánh Hòa');
    expect(province.children).toHaveLength(16);
    expect(await get('/api/units/22736')).toMatchObject({ name: 'Trường Sa', parentCode: '576' });
  });

  it('lists in the guide and /api/targets only the documents of the Ministry', async () => {
    const guide = await get<{ indicator: { targets: Target[] } }>('/api/indicators/ehr_coverage/guide');
    expect(guide.indicator.targets.map((t) => t.source)).toEqual([expect.stringContaining('QĐ 5316/QĐ-BYT'), expect.stringContaining('QĐ 5316/QĐ-BYT')]);
    const all = await get<Target[]>('/api/targets');
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((t) => issuerOf(t.source) === 'BYT')).toBe(true);
  });

  it('says at start which areas lack population and which former communes are left unplaced', async () => {
    expect(log.find((l) => l.startsWith('Thiếu dân số của 9 khu vực'))).toContain('568 Nha Trang');
    const pack = await get<{ unplaced: { code: string }[] }>('/api/pack');
    expect(pack.unplaced.map((u) => u.code).sort()).toEqual(['22438', '22450', '22456', '22471', '22711']);
  });
});
