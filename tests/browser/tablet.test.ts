/**
 * Explore on real tablet sizes, with touch (issue 15): portrait and landscape at 768×1024,
 * 1024×768, 1180×820 and 1366×1024 — no horizontal scroll, the map with its legend, a ranking
 * whose bars each have room for their label, every touch target at least 44×44 px, and the
 * first tap on the map drills. Saves a screenshot of each.
 */
import { describe, expect, it } from 'vitest';
import { lastCompleteMonth } from '../../client/scenes/periods.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

const bw = browserWallForFile();

const SIZES: [number, number][] = [
  [768, 1024],
  [1024, 768],
  [1180, 820],
  [820, 1180],
  [1366, 1024],
  [1024, 1366],
];

describe.each(SIZES)('explore at %i×%i with touch', (width, height) => {
  it('fits the width, draws the map with its legend and a legible ranking, and every touch target is 44 px or more', async () => {
    const context = await bw.browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: false });
    const page = await context.newPage();
    await page.goto(`${bw.server.url}/explore?indicator=cashless_payment_rate&unit=58&period=2026-10`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    const found = await page.evaluate(() => {
      const wide = document.documentElement.scrollWidth;
      const targets = [...document.querySelectorAll<HTMLElement>('button, select, a, [role=button]')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { what: (e.textContent ?? e.getAttribute('aria-label') ?? e.tagName).trim().slice(0, 30), w: Math.round(r.width), h: Math.round(r.height) };
        });
      const chart = document.querySelector('[data-testid=ranking-chart]')!.getBoundingClientRect();
      const rows = document.querySelectorAll('[data-testid=ranking-list] li').length;
      // A panel whose content runs past its box, unless it scrolls: what runs past is under the next panel.
      const spilling = [...document.querySelectorAll<HTMLElement>('.explore > .panel')]
        .filter((p) => p.scrollHeight > p.clientHeight + 1 && !['auto', 'scroll'].includes(getComputedStyle(p).overflowY))
        .map((p) => `${p.className}: ${p.scrollHeight} > ${p.clientHeight}`);
      return { wide, targets, chartHeight: chart.height, rows, legend: document.querySelector('.map-legend')?.textContent ?? '', spilling };
    });
    await page.screenshot({ path: `test-artifacts/tablet-${width}x${height}.png`, fullPage: true });
    expect(found.wide, 'page width').toBeLessThanOrEqual(width);
    expect(found.spilling).toEqual([]);
    expect(found.legend).toContain('Đạt');
    // A bar and its label need about 1.6 lines of text each (14 px text on tablets).
    expect(found.chartHeight / found.rows, 'ranking height per row').toBeGreaterThanOrEqual(22);
    expect(found.targets.filter((t) => t.w < 44 || t.h < 44)).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('the first tap', () => {
  it('drills from the map, on a fresh load, every time', async () => {
    for (let i = 0; i < 4; i++) {
      const context = await bw.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${bw.server.url}/explore?indicator=cashless_payment_rate&unit=58&period=2026-10`);
      await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
      // Where the map draws Ninh Sơn (its label's anchor), tapped as a finger would.
      const anchors = JSON.parse((await page.getAttribute('[data-testid=map]', 'data-anchors'))!) as Record<string, [number, number]>;
      const [x, y] = anchors['585']!;
      const box = (await page.locator('[data-testid=map]').boundingBox())!;
      await page.touchscreen.tap(box.x + x!, box.y + y!);
      await page.waitForSelector('[data-testid=explore][data-unit="585"]', { timeout: 5000 });
      await context.close();
    }
  }, 90_000);
});

describe('breakdowns by subject', () => {
  it('splits outpatient visits by sex for the province and its areas, as the API does, and keeps the choice in the URL', async () => {
    const context = await bw.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${bw.server.url}/explore?indicator=outpatient_visits&unit=58&period=${lastCompleteMonth('Asia/Ho_Chi_Minh')}`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    await page.locator('[data-testid=breakdown-sex]').tap();
    await page.waitForSelector('[data-testid=breakdown][data-ready=yes] table');
    expect(new URL(page.url()).searchParams.get('by')).toBe('sex');
    const shown = await page.$$eval('[data-testid=breakdown] tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-code'), ...[...r.querySelectorAll('td[data-value]')].map((td) => Number(td.getAttribute('data-value')))]),
    );
    const month = lastCompleteMonth('Asia/Ho_Chi_Minh');
    const api = async (level: string, subgroup?: string, parent?: string) =>
      ((await (await fetch(`${bw.server.url}/api/rollup?${new URLSearchParams({ indicators: 'outpatient_visits', level, grain: 'month', from: month, to: month, ...(parent ? { parent } : {}), ...(subgroup ? { subgroup } : {}) })}`)).json()) as RollupAnswer).rows;
    const [female, male, total] = await Promise.all([api('area', 'sex:female', '58'), api('area', 'sex:male', '58'), api('province')]);
    expect(shown[0]![0]).toBe('58');
    // The province's own split adds up to its total.
    expect(Number(shown[0]![1]) + Number(shown[0]![2])).toBe(total[0]!.value);
    for (const row of female) expect(shown.find((s) => s[0] === row.entity.code)?.[1], row.entity.name).toBe(row.value);
    for (const row of male) expect(shown.find((s) => s[0] === row.entity.code)?.[2], row.entity.name).toBe(row.value);
    // Reopened from its address, the breakdown is still there.
    await page.reload();
    await page.waitForSelector('[data-testid=breakdown][data-ready=yes] table');
    await page.screenshot({ path: 'test-artifacts/explore-breakdown-1024.png', fullPage: true });
    await context.close();
  }, 60_000);
});
