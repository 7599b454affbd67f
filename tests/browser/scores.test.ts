/**
 * The scores screens (issue 16, points 2, 3 and 5): the wall scene shows the province's score and
 * the areas' ranking with their rank intervals, as the API computes them; in explore, sliders and
 * the method change the figures at once and the URL keeps them; a what-if shows exactly what
 * moves; an elasticity applies only once it has a source.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastCompleteMonth, lastCompleteQuarter } from '../../client/scenes/periods.ts';
import { formatPeriod } from '../../data/schema/period.ts';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

const bw = browserWallForFile();
const month = lastCompleteMonth('Asia/Ho_Chi_Minh');
const quarter = formatPeriod(lastCompleteQuarter(month));

const scores = async (query: string) => (await (await fetch(`${bw.server.url}/api/scores?${query}`)).json()) as ScoresAnswer;
const vi = (n: number | null) => (n === null ? '–' : n.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** The board's rows as the page shows them: code, rank, total, median rank and interval. */
const board = (page: Page, scope = '') =>
  page.$$eval(`${scope} [data-testid=score-board] tbody tr`, (rows) =>
    rows.map((r) => ({
      code: r.getAttribute('data-unit'),
      rank: r.querySelector('.rank')!.textContent,
      total: r.querySelector('td.total .figure')!.textContent,
      sureness: r.querySelector('.rank-interval-text')?.textContent ?? null,
    })),
  );
const expected = (answer: ScoresAnswer) =>
  [...answer.units]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    .map((u) => ({
      code: u.code,
      rank: String(u.rank ?? '–'),
      total: vi(u.total),
      sureness: u.rankInterval ? `${u.medianRank} (${u.rankInterval[0] === u.rankInterval[1] ? u.rankInterval[0] : `${u.rankInterval[0]}–${u.rankInterval[1]}`})` : null,
    }));
const settled = (page: Page) => page.waitForSelector('[data-testid=scores-panel][data-ready=yes] [data-testid=score-board][data-recomputing=no]');

describe('the scores scene on the wall', () => {
  it("shows the province's total and component scores and the areas ranked with their rank intervals, as the API computes them", async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${bw.server.url}/?rotate=0&scene=scores`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    const province = await scores(`level=province&period=${quarter}&draws=0`);
    const areas = await scores(`level=area&parent=58&period=${quarter}`);
    expect(await page.getAttribute('[data-testid=province-score]', 'data-total')).toBe(String(province.units[0]!.total));
    expect(await page.textContent('[data-testid=province-score] .tile-value')).toContain(vi(province.units[0]!.total));
    expect(await board(page)).toEqual(expected(areas));
    // Equal weights by default, said on the scene; how sure the ranks are, said too.
    const text = await page.textContent('[data-testid=scene-scores]');
    expect(text).toContain(areas.scheme.weightsNote.vi);
    expect(text).toContain(`qua ${areas.sensitivity!.draws.toLocaleString('vi-VN')} lần rút ngẫu nhiên`);
    await page.screenshot({ path: 'test-artifacts/scene-scores-wall.png' });
    await page.close();
  }, 60_000);
});

describe('scores in explore (tablet, touch)', () => {
  it('recomputes at once when a weight or the method changes, keeps them in the URL, and a link reopens them', async () => {
    const context = await bw.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${bw.server.url}/explore?indicator=scores&unit=58&period=${quarter}`);
    await settled(page);
    expect(await board(page)).toEqual(expected(await scores(`level=area&parent=58&period=${quarter}`)));

    // Financing to the slider's end (5): the ranking follows, and the URL says so.
    const slider = page.locator('[data-testid=weight-financing] input[type=range]');
    await slider.focus();
    await slider.press('End');
    await expect.poll(() => new URL(page.url()).searchParams.get('w.financing')).toBe('5');
    await page.click('.weight-controls button:text("Trung bình nhân")');
    await expect.poll(() => new URL(page.url()).searchParams.get('method')).toBe('geometric');
    const tuned = await scores(`level=area&parent=58&period=${quarter}&w.financing=5&method=geometric`);
    await settled(page);
    await expect.poll(() => board(page)).toEqual(expected(tuned));
    expect(await page.textContent('.weights-note')).toContain('Đã đổi trọng số');

    // A goalpost: cashless payments score 0 at 10% instead of 0%.
    await page.locator('.component-weights:has([data-testid=weight-financing]) summary').tap();
    await page.locator('.indicator-weights:has([data-testid=weight-cashless_payment_rate]) .goalposts input').fill('10');
    await expect.poll(() => new URL(page.url()).searchParams.get('g.cashless_payment_rate')).toBe('target:10');
    const floored = await scores(`level=area&parent=58&period=${quarter}&w.financing=5&method=geometric&g.cashless_payment_rate=target:10`);
    await settled(page);
    await expect.poll(() => board(page)).toEqual(expected(floored));
    await page.locator('.indicator-weights:has([data-testid=weight-cashless_payment_rate]) .goalposts input').fill('0');
    await expect.poll(() => new URL(page.url()).searchParams.get('g.cashless_payment_rate')).toBe('target:0');
    await settled(page);

    // The link reopens the same weights.
    await page.goto(page.url());
    await settled(page);
    expect(await slider.inputValue()).toBe('5');
    expect(await page.getAttribute('.weight-controls button:text("Trung bình nhân")', 'aria-pressed')).toBe('true');
    expect(await board(page)).toEqual(expected(tuned));

    // Every control a finger may need is 44 px or more, and the page does not scroll sideways.
    const found = await page.evaluate(() => ({
      wide: document.documentElement.scrollWidth,
      small: [...document.querySelectorAll<HTMLElement>('[data-testid=scores-panel] button, [data-testid=scores-panel] select, [data-testid=scores-panel] input, [data-testid=scores-panel] summary')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: (e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 30), r: e.getBoundingClientRect() }))
        .filter((e) => e.r.width < 44 || e.r.height < 44)
        .map((e) => `${e.what} ${Math.round(e.r.width)}×${Math.round(e.r.height)}`),
    }));
    expect(found.wide).toBeLessThanOrEqual(1024);
    expect(found.small).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/explore-scores-1024.png', fullPage: true });

    // Every component at 0: refused, said in Vietnamese with the setting at fault, and the controls stay to undo it.
    await page.goto(`${bw.server.url}/explore?indicator=scores&unit=58&period=${quarter}&w.information=0&w.financing=0&w.immunisation=0&w.workforce=0&w.infrastructure=0`);
    await page.waitForSelector('[data-testid=scores-panel] [role=alert]');
    expect(await page.textContent('[data-testid=scores-panel] [role=alert]')).toMatch(/Không tính được điểm với các giá trị này[\s\S]*w\.information: every component would weigh 0/);
    await page.click('[data-testid=scores-panel] [role=alert] button.reset');
    await settled(page);
    expect(await page.$('[data-testid=scores-panel] [role=alert]')).toBeNull();
    expect(new URL(page.url()).searchParams.get('w.information')).toBeNull();
    await context.close();
  }, 90_000);

  it('shows exactly what a what-if moves, and applies an elasticity only once it has a source', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1366, height: 1024 } });
    await page.goto(`${bw.server.url}/explore?indicator=scores&unit=58&period=${quarter}`);
    await settled(page);
    await page.selectOption('.what-if-form label:has-text("Đơn vị") select', '585');
    await page.selectOption('.what-if-form label:has-text("Chỉ số") select', 'cashless_payment_rate');
    await page.fill('[data-testid=what-if-value]', '95');
    await page.click('.what-if-form button[type=submit]');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('set')).toEqual(['cashless_payment_rate:585:95']);
    const api = await scores(`level=area&parent=58&period=${quarter}&set=cashless_payment_rate:585:95`);
    const mine = api.whatIf!.units.find((u) => u.code === '585')!;
    await page.waitForSelector('[data-testid=what-if-result] tr[data-unit="585"]');
    expect(await page.getAttribute('[data-testid=what-if-result] tr[data-unit="585"]', 'data-after-total')).toBe(String(mine.after.total));
    expect(await page.getAttribute('[data-testid=what-if-result] tr[data-unit="585"]', 'data-after-rank')).toBe(String(mine.after.rank));
    // Every unit whose rank moves is listed.
    const listed = await page.$$eval('[data-testid=what-if-result] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-unit')).sort());
    expect(listed).toEqual(api.whatIf!.units.filter((u) => u.changed || u.before.rank !== u.after.rank).map((u) => u.code).sort());
    expect(await page.textContent('[data-testid=what-if]')).toContain('Các cấu phần khác không được mô hình hóa');

    // An elasticity with a coefficient and no source: kept on screen and in the URL, not applied.
    await page.click('button:text("Thêm hệ số tác động")');
    const row = page.locator('[data-testid=elasticity]').first();
    await row.locator('select').first().selectOption('financing');
    await row.locator('select').nth(1).selectOption('information');
    await row.locator('input[type=number]').fill('0.5');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('el')).toEqual(['financing:information:0.5:']);
    expect(await row.textContent()).toContain('Chưa có nguồn: chưa áp dụng');
    await settled(page);
    expect(await page.textContent('[data-testid=what-if]')).toContain('Các cấu phần khác không được mô hình hóa');
    // With its source, it applies: Ninh Sơn's information score moves by 0.5 × its financing gain.
    await row.locator('.citation input').fill('Nghiên cứu thử nghiệm');
    const withSource = await scores(`level=area&parent=58&period=${quarter}&set=cashless_payment_rate:585:95&el=${encodeURIComponent('financing:information:0.5:Nghiên cứu thử nghiệm')}`);
    const moved = withSource.whatIf!.units.find((u) => u.code === '585')!;
    expect(moved.indirect.information).toBeGreaterThan(0);
    await expect.poll(() => page.getAttribute('[data-testid=what-if-result] tr[data-unit="585"]', 'data-after-total')).toBe(String(moved.after.total));
    expect(await page.textContent('[data-testid=what-if]')).toContain('Tác động sang cấu phần khác chỉ qua các hệ số tác động đã đặt');
    await page.evaluate(() => document.querySelector('.scores-tools')?.scrollIntoView());
    await page.screenshot({ path: 'test-artifacts/explore-what-if-1366.png' });
    await page.close();
  }, 90_000);
});
