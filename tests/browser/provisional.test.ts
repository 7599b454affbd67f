/**
 * A figure says what it is (issue 24), on the wall as the department saw it on 2026-12-07: the
 * server's clock and the browser's are both fixed to that day. November's reports are due on
 * 10 December, so November is provisional everywhere: the wall's headline is October, November
 * shows only marked as provisional, no provisional or partial figure has a status or a rank; and
 * Khánh Hòa's 2024-H1 figure says it covers only the former Ninh Thuận.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { screenPainted } from '../../data/schema/screen.ts';
import type { AttentionAnswer } from '../../data/schema/attention.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { readConfig } from '../../server/config.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

// 10:00 in Hồ Chí Minh City on 2026-12-07.
const NOW = new Date('2026-12-07T03:00:00Z');

let wall: TestWall;
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  // Only Date: timers run as usual, so the server and DuckDB work as in production.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  wall = await openTestWall({ demo: true });
  [server, browser] = await Promise.all([startTestServer(wall), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await wall?.close();
  vi.useRealTimers();
});

async function open(url: string, width = 1920, height = 1080): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.clock.setFixedTime(NOW);
  await page.addInitScript({ content: `window.screenPainted = ${screenPainted}` });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { screenPainted(): boolean }).screenPainted(), undefined, { timeout: 60_000 });
  return page;
}

const rollup = async (query: Record<string, string>) =>
  (await (await fetch(`${server.url}/api/rollup?${new URLSearchParams(query)}`)).json()) as RollupAnswer;

describe('on 2026-12-07, with November\u2019s reports due on 10 December', () => {
  it('answers November as provisional with who has reported, never with a status or a rank; October as final', async () => {
    const { rows } = await rollup({ indicators: 'ehr_coverage', level: 'area', grain: 'month', from: '2026-10', to: '2026-11' });
    const november = rows.filter((r) => r.period.start === '2026-11-01');
    expect(november.length).toBe(7);
    for (const r of november) {
      expect(r).toMatchObject({ finality: 'provisional', due: '2026-12-10', status: null, rank: null });
      expect(r.coverage).toMatchObject({ reporters: { level: 'commune' } });
    }
    // Some communes have not reported November yet (the demo's late reporters): they show as n/N, below N.
    const [province] = (await rollup({ indicators: 'ehr_coverage', level: 'province', grain: 'month', from: '2026-11', to: '2026-11' })).rows;
    expect(province!.coverage!.reported).toBeLessThan(province!.coverage!.expected);
    const october = rows.filter((r) => r.period.start === '2026-10-01');
    expect(october.every((r) => r.finality === 'final' && r.rank !== null)).toBe(true);
  });

  it('shows October as the headline of every scene and November only marked provisional; no figure that is not final has a status', async () => {
    for (const spec of SCENES) {
      const page = await open(`${server.url}/?rotate=0&kiosk=1&scene=${spec.id}`);
      const scene = page.locator('.scene-slot[data-shown=yes]');
      if ('tiles' in spec) {
        await expect.poll(() => scene.locator('[data-testid=headline-period]').textContent()).toContain('Tháng 11/2026 tạm tính đến hạn báo cáo 10/12/2026');
        expect(await scene.locator('h2 .period').textContent()).toBe('Tháng 10/2026');
        // A tile's status belongs to a final figure; a tile whose figure is not final says what it is instead.
        for (const tile of await scene.locator('article.tile').all()) {
          const finality = await tile.getAttribute('data-finality');
          if (finality !== 'final') {
            expect(await tile.locator('[data-testid=tile-status]').count()).toBe(0);
            expect(await tile.locator('[data-testid=tile-coverage]').textContent()).toMatch(/^(Tạm tính|Chưa đủ số liệu)/);
          }
          // November, where it is not yet final, is under the headline, marked, with who has reported.
          const later = tile.locator('[data-testid=tile-later]');
          if ((await later.count()) > 0 && (await later.getAttribute('data-finality')) === 'provisional') {
            expect(await later.textContent()).toMatch(/^Tháng 11\/2026: .*Tạm tính đến hạn báo cáo 10\/12\/2026 · \d+\/\d+ /);
          }
        }
        const provisionalTiles = await scene.locator('article.tile [data-testid=tile-later][data-finality=provisional]').count();
        expect(provisionalTiles, `${spec.id}: November shown as provisional on some tile`).toBeGreaterThan(0);
      }
      // The attention list judges no one on a provisional period.
      if ('attention' in spec) {
        const { items } = (await (await fetch(`${server.url}/api/attention`)).json()) as AttentionAnswer;
        expect(items.filter((i) => i.kind === 'below_target' && i.period === '2026-11')).toEqual([]);
        expect(await scene.textContent()).not.toMatch(/tháng 11\/2026: .*chỉ tiêu/);
      }
      await page.screenshot({ path: `test-artifacts/provisional-${spec.id}.png` });
      await page.close();
    }
  }, 240_000);

  it('ranks no unit whose figure is provisional or partial, in explore too, and says so beside it', async () => {
    const { rows } = await rollup({ indicators: 'ehr_coverage', level: 'commune', grain: 'month', from: '2026-11', to: '2026-11', parent: '585' });
    expect(rows.every((r) => r.rank === null && r.status === null)).toBe(true);
    const page = await open(`${server.url}/explore?indicator=ehr_coverage&unit=58&period=2026-11`, 1024, 768);
    const summary = page.locator('[data-testid=unit-summary]');
    expect(await summary.locator('[data-testid=tile-status]').count()).toBe(0);
    expect(await summary.locator('article.tile').getAttribute('data-finality')).toBe('provisional');
    expect(await summary.locator('[data-testid=tile-coverage]').textContent()).toMatch(/^Tạm tính đến hạn báo cáo 10\/12\/2026 · \d+\/24 xã\/phường đã báo cáo/);
    await page.screenshot({ path: 'test-artifacts/provisional-explore.png' });
    await page.close();
  }, 60_000);
});

describe('a merged province\u2019s figure for a former part', () => {
  it('says on Khánh Hòa\u2019s 2024-H1 EHR tile that it covers only the former Ninh Thuận, gives it no status, and the API says the same', async () => {
    const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: 'khanh-hoa' });
    const kh = await openTestWall({ packId, packDir, boundariesFile });
    const khServer = await startTestServer(kh);
    try {
      const [row] = (await (await fetch(`${khServer.url}/api/rollup?indicators=ehr_coverage&level=province&grain=half&from=2024-H1&to=2024-H1`)).json() as RollupAnswer).rows;
      expect(row).toMatchObject({ value: expect.closeTo(94.67, 2), finality: 'partial', status: null, coverage: { expected: 65, formerOnly: ['Ninh Thuận'] } });
      // The people of former Ninh Thuận's communes, of today's Khánh Hòa (the 2025 list): about a third.
      expect(row!.coverage!.population).toBeGreaterThan(0.25);
      expect(row!.coverage!.population).toBeLessThan(0.4);
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await page.clock.setFixedTime(NOW);
      await page.goto(`${khServer.url}/explore?indicator=ehr_coverage&unit=56&period=2024-H1`);
      const note = page.locator('[data-testid=unit-summary] [data-testid=tile-coverage]');
      await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/^Chưa đủ số liệu.*\d+\/65 xã\/phường đã báo cáo, \d+% dân số, chỉ gồm Ninh Thuận cũ/);
      expect(await page.locator('[data-testid=unit-summary] [data-testid=tile-status]').count()).toBe(0);
      await page.screenshot({ path: 'test-artifacts/provisional-khanh-hoa-2024h1.png' });
      await page.close();
    } finally {
      await khServer.close();
      await kh.close();
    }
  }, 120_000);
});
