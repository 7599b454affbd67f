import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentPeriods } from '../../client/explore/explore-state.ts';
import { lastClosedMonth } from '../../client/scenes/periods.ts';
import { DEFAULT_REPORTING } from '../../data/schema/pack.ts';
import type { QualityAnswer } from '../../data/schema/quality.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { HEADER } from '../support/ingest.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

// The demo figures, and one real month of cashless payments at TTYT Phan Rang–Tháp Chàm a
// hundred times its usual: a sudden jump flagged in đồng.
const JUMP = 987_654_321_012;
let answer: QualityAnswer;
const month = () => lastClosedMonth('Asia/Ho_Chi_Minh', DEFAULT_REPORTING.due_days.month);

const bw = browserWallForFile();
beforeAll(async () => {
  const csv = `${HEADER}\ncashless_amount,,TTYT-582,${month()},,,${JUMP},,\n`;
  expect((await fetch(`${bw.server.url}/api/batches?file=cashless.csv`, { method: 'POST', body: csv, headers: bw.server.editor })).status).toBe(201);
  const from = recentPeriods('month', `${month()}-01`, 6).at(-1);
  answer = (await (await fetch(`${bw.server.url}/api/quality?level=area&from=${from}&to=${month()}`)).json()) as QualityAnswer;
}, 120_000);

async function open(width: number, height: number): Promise<Page> {
  const page = await bw.browser.newPage({ viewport: { width, height } });
  await page.goto(`${bw.server.url}/?rotate=0&scene=quality`);
  await page.waitForSelector('[data-testid=scene-quality][data-ready=yes]', { timeout: 30_000 });
  await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
  return page;
}

/** Each list's box, its rows shown and hidden, and the line counting the rest. */
function lists(page: Page) {
  return page.$$eval('[data-testid=scene-quality] .quality-list', (ols) =>
    ols.map((ol) => {
      // The box the list may fill (the panel below its heading), the list as cut, its rows, the line counting the rest.
      const box = ol.parentElement!.getBoundingClientRect();
      const rows = [...ol.children].map((li) => ({ rect: li.getBoundingClientRect().toJSON() as DOMRect, shown: getComputedStyle(li).visibility === 'visible' }));
      const more = ol.parentElement!.querySelector('.quality-more')!;
      return {
        id: ol.getAttribute('data-testid')!,
        box: box.toJSON() as DOMRect,
        list: ol.getBoundingClientRect().toJSON() as DOMRect,
        rows,
        more: getComputedStyle(more).visibility === 'visible' ? { text: more.textContent!, rect: more.getBoundingClientRect().toJSON() as DOMRect } : null,
      };
    }),
  );
}

async function checkLists(page: Page) {
  const shown = await lists(page);
  expect(shown.map((l) => l.id).sort()).toEqual(['quality-flags', 'quality-latest']);
  for (const list of shown) {
    const visible = list.rows.filter((r) => r.shown);
    expect(visible.length, list.id).toBeGreaterThan(0);
    // The shown rows come first and lie whole inside the box and the list as cut.
    expect(list.rows.slice(0, visible.length).every((r) => r.shown), list.id).toBe(true);
    for (const row of visible) {
      for (const box of [list.box, list.list]) {
        expect(row.rect.top, list.id).toBeGreaterThanOrEqual(box.top - 0.5);
        expect(row.rect.bottom, list.id).toBeLessThanOrEqual(box.bottom + 0.5);
      }
    }
    const last = visible.at(-1)!;
    // The rest counted, on the line right below the last row shown, inside the box; the first hidden row would not have fitted above it.
    const total = list.id === 'quality-flags' ? answer.flags.length : answer.reporters.missingOrLate;
    if (total > visible.length) {
      expect(list.more?.text, list.id).toBe(`và ${(total - visible.length).toLocaleString('vi-VN')} mục khác`);
      expect(list.more!.rect.top, list.id).toBeGreaterThanOrEqual(last.rect.bottom - 0.5);
      expect(list.more!.rect.top - last.rect.bottom, list.id).toBeLessThan(10);
      expect(list.more!.rect.bottom, list.id).toBeLessThanOrEqual(list.box.bottom + 0.5);
      const hidden = list.rows[visible.length];
      if (hidden) expect(hidden.rect.bottom, list.id).toBeGreaterThan(list.box.bottom - list.more!.rect.height);
    } else expect(list.more, list.id).toBeNull();
  }
}

describe('the data-quality scene at 1920×1080', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(1920, 1080);
  }, 60_000);
  afterAll(() => page?.close());

  it('shows completeness, timeliness, the flags and the reporters missing or late, as the quality API counts them over all reporters', async () => {
    const percent = (v: number | null) => `${v!.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    const value = (id: string) => page.textContent(`[data-testid=quality-${id}] .tile-value`);
    expect(await value('completeness')).toBe(percent(answer.total.completeness));
    expect(await value('timeliness')).toBe(percent(answer.total.timeliness));
    expect(await value('flagged')).toBe(answer.flags.length.toLocaleString('vi-VN'));
    expect(await value('reporters')).toBe(`${answer.reporters.missingOrLate}/${answer.reporters.owing} đơn vị`);
    expect(await page.textContent('[data-testid=quality-reporters] .tile-target')).toBe(
      `${answer.reporters.missing} đơn vị còn thiếu ${(answer.total.expected - answer.total.received).toLocaleString('vi-VN')} báo cáo`,
    );
    // The demo's reporters are sometimes late or missing: a measure, not the length of the list below.
    expect(answer.total.completeness).toBeLessThan(100);
    expect(answer.reporters.missingOrLate).toBeGreaterThan(answer.latest.length);
    expect(answer.reporters.owing).toBeGreaterThanOrEqual(answer.reporters.missingOrLate);
  });

  it('names units and facilities, never by their codes', async () => {
    const text = await page.innerText('[data-testid=scene-quality]');
    expect(text).not.toMatch(/\b(TYT|TTYT|BV)-[A-Z0-9]+/);
    expect(text).not.toMatch(/\b\d{5}\b/);
    const flags = await page.innerText('[data-testid=quality-flags]');
    expect(flags).toContain('TTYT Phan Rang–Tháp Chàm');
    const latest = await page.innerText('[data-testid=quality-latest]');
    expect(latest).toContain(answer.latest[0]!.reporter.name);
  });

  it('writes money in whole đồng with thousands separators', async () => {
    const flag = answer.flags.find((f) => f.indicator === 'cashless_amount' && f.value === JUMP)!;
    expect(flag).toMatchObject({ kind: 'sudden_jump', name: 'TTYT Phan Rang–Tháp Chàm' });
    const row = page.locator('[data-testid=quality-flags] li', { hasText: 'Tiền thanh toán điện tử' }).first();
    const text = await row.innerText();
    const against = Math.round(flag.against!).toLocaleString('vi-VN');
    expect(text).toContain('987.654.321.012 đồng');
    expect(text).toContain(`so với ${against} đồng`);
    expect(against).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(await page.innerText('[data-testid=scene-quality]')).not.toMatch(/\d,\d+ đồng/);
  });

  it('ends every list on a whole row, and counts the rest', async () => {
    await checkLists(page);
  });

  it('draws the completeness matrix with its legend', async () => {
    const png = PNG.sync.read(await page.locator('[data-testid=quality-matrix]').screenshot());
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    expect(colours.size).toBeGreaterThan(10);
    const legend = await page.$$eval('[data-testid=quality-legend] li', (items) =>
      items.map((li) => ({ text: li.textContent, swatch: getComputedStyle(li.querySelector('.swatch')!).backgroundColor })),
    );
    expect(legend.slice(0, 3).map((l) => l.text)).toEqual(['Dưới 80%', '80% – dưới 95%', 'Từ 95% trở lên']);
    expect(new Set(legend.slice(0, 3).map((l) => l.swatch)).size).toBe(3);
  });

  it('writes every word at 18 px or more', async () => {
    const smallest = await page.$$eval('[data-testid=scene-quality] *', (nodes) =>
      Math.min(
        ...nodes
          .filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent!.trim()))
          .filter((n) => getComputedStyle(n).visibility === 'visible')
          .map((n) => parseFloat(getComputedStyle(n).fontSize)),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: 'test-artifacts/quality-1920.png' });
  });
});

describe('the data-quality scene at 3840×2160', () => {
  it('lays out alike on a 4K wall: whole rows, the legend', async () => {
    const page = await open(3840, 2160);
    await checkLists(page);
    expect(await page.locator('[data-testid=quality-legend] li').count()).toBeGreaterThanOrEqual(3);
    const png = PNG.sync.read(await page.screenshot({ path: 'test-artifacts/quality-3840.png' }));
    expect([png.width, png.height]).toEqual([3840, 2160]);
    await page.close();
  });
});
