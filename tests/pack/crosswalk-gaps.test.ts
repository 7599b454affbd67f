/**
 * A pack whose crosswalk leaves former communes without a place on today's map: the start says
 * which and for which periods, and views of those periods answer, showing them as former units.
 */
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenPainted } from '../../data/schema/screen.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { launchChromium } from '../support/chromium.ts';
import { copyPack } from '../support/pack-copy.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall } from '../support/wall.ts';

// Lương Sơn and Quảng Sơn (former Ninh Sơn district), Phước Bình (former Bác Ái) lose their crosswalk rows.
const UNPLACED = ['22816', '22819', '22783'];
const log: string[] = [];
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  const packDir = copyPack((file) =>
    file('crosswalk-2024-2025.csv', (text) => text.split('\n').filter((line) => !UNPLACED.includes(line.split(',')[0]!)).join('\n')),
  );
  const wall = await openTestWall({ packDir }, { log: (line) => log.push(line) });
  [server, browser] = await Promise.all([startTestServer(wall), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await server?.wall.close();
});

const rollup = async (query: string) => {
  const res = await fetch(`${server.url}/api/rollup?${query}`);
  return { status: res.status, rows: ((await res.json()) as { rows: RollupRow[] }).rows };
};

describe('an incomplete crosswalk', () => {
  it('is reported at start, naming the former communes and the periods of their figures', () => {
    const line = log.find((l) => l.includes('Bảng chuyển đổi'));
    expect(line).toBeDefined();
    for (const name of ['22816 Lương Sơn', '22819 Quảng Sơn', '22783 Phước Bình']) expect(line).toContain(name);
    expect(line).toContain('2024-H1');
  });

  it('never makes a view answer 500: commune views of its periods show the former communes as such, their areas as before', async () => {
    const communes = await rollup('indicators=telehealth_consultations&level=commune&grain=half&from=2024-H1&to=2024-H1&parent=585');
    expect(communes.status).toBe(200);
    const former = communes.rows.filter((r) => r.entity.former).map((r) => [r.entity.name, r.value]);
    expect(former.sort()).toEqual([['Lương Sơn', 1416], ['Quảng Sơn', 650]]);
    const areas = await rollup('indicators=telehealth_consultations&level=area&grain=half&from=2024-H1&to=2024-H1');
    expect(areas.rows.find((r) => r.entity.code === '585')!.value).toBe(5694);
    const all = await rollup('indicators=asm_deployment,station_info_system&level=commune&grain=half&from=2024-H1&to=2024-H1');
    expect(all.status).toBe(200);
    expect(all.rows.filter((r) => r.entity.former).map((r) => r.entity.code)).toEqual(expect.arrayContaining(UNPLACED));
    const pack = (await (await fetch(`${server.url}/api/pack`)).json()) as { unplaced: { code: string }[] };
    expect(pack.unplaced.map((u) => u.code).sort()).toEqual([...UNPLACED].sort());
  });

  it('draws the explore map to the end, with the former communes listed beside it', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.url}/explore?indicator=telehealth_consultations&unit=585&period=2024-H1`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    const listed = await page.textContent('[data-testid=unplaced-units]');
    expect(listed).toContain('Lương Sơn (cũ, mã 22816)');
    expect(listed).toContain('1.416');
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/explore-unplaced-1024.png' });
    await page.close();
  });
});
