/**
 * The guide to the composite score (issue 16): /guide?topic=scores works an example on one area
 * of the half-year of the bundled real report (BC-SYT-NT-2024H1), step by step. Its figures equal
 * the API's for the same request, and the page's own recomputation of every step (numerator ÷
 * denominator, normalisation, means, rank) agrees with the server's to display precision, so a
 * drift of the served or of the written formulas fails here. Real figures carry their document,
 * demo ones say so. In English the page holds no Vietnamese. Screenshot at 1366×1024.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../client/format/format-value.ts';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { browserWallForFile } from '../support/browser-wall.ts';
import { properNames, vietnameseLeftovers, visibleTexts } from '../support/vietnamese-text.ts';

const bw = browserWallForFile();
const get = async <T>(path: string): Promise<T> => (await (await fetch(`${bw.server.url}${path}`)).json()) as T;
const SCORES = '/api/scores?level=area&period=2024-H1';

/** As the page writes figures in Vietnamese: two decimals for scores and values, whole counts. */
const f2 = (x: number) => formatNumber(x, 'vi', 2);
const plain = (x: number) => formatNumber(x, 'vi', Number.isInteger(x) ? 0 : 2);
/** A Vietnamese figure back to a number: "." groups thousands, "," is the decimal mark. */
const read = (text: string) => Number(text.trim().replace(/\./g, '').replace(',', '.'));

async function open(page: Page, path: string) {
  await page.goto(`${bw.server.url}${path}`);
  await page.waitForSelector('[data-testid=scores-guide][data-ready=yes]', { timeout: 30_000 });
  await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
}

interface ShownRow {
  indicator: string;
  demo: string;
  source: string;
  cells: string[];
  steps: Record<string, string>;
}

const shownRows = (page: Page) =>
  page.$$eval('[data-testid=scores-guide] tr[data-indicator]:not([data-missing])', (rows) =>
    rows.map((tr) => ({
      indicator: tr.getAttribute('data-indicator')!,
      demo: tr.getAttribute('data-demo')!,
      source: tr.querySelector('.guide-scores-source')?.textContent ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      steps: Object.fromEntries([...tr.querySelectorAll('[data-step]')].map((e) => [e.getAttribute('data-step')!, e.textContent ?? ''])),
    })),
  ) as Promise<ShownRow[]>;

/** Σ w × s ÷ Σ w as the page writes it, "(1 × 79,70 + 1 × 84,49) ÷ 2 = 82,10", evaluated from the written numbers. */
function writtenMean(text: string): { value: number; shown: number } {
  const m = text.match(/= \((.+)\) ÷ ([\d.,]+) = ([\d.,]+)/);
  expect(m, text).not.toBeNull();
  const sum = m![1]!.split(' + ').reduce((s, part) => {
    const [w, x] = part.split(' × ').map(read) as [number, number];
    return s + w * x;
  }, 0);
  return { value: sum / read(m![2]!), shown: read(m![3]!) };
}

describe('the guide to scores, sensitivity, forecasts and what-if', () => {
  it('works the example on the area with the most real figures, equal to the API, its arithmetic checkable', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1366, height: 1024 } });
    await open(page, '/guide?topic=scores');
    const [answer, other] = await Promise.all([get<ScoresAnswer>(SCORES), get<ScoresAnswer>(`${SCORES}&draws=0&method=geometric`)]);
    expect(answer.scheme.method).toBe('arithmetic');
    const indicators = answer.scheme.components.flatMap((c) => c.indicators.map((i) => i.indicator));
    const { rows } = await get<RollupAnswer>(`/api/rollup?indicators=${indicators.join(',')}&level=area&grain=half&from=2024-H1&to=2024-H1`);
    const demo = (unit: string, indicator: string) => rows.find((r) => r.entity.code === unit && r.indicator === indicator)?.demo;

    // The unit: the most real figures counted from numerator and denominator, the best ranked among those.
    const real = (u: ScoresAnswer['units'][number]) => u.components.flatMap((c) => c.indicators).filter((i) => i.normalised !== null && i.numerator !== null && demo(u.code, i.indicator) === false);
    const expected = [...answer.units].filter((u) => u.rank !== null).sort((a, b) => real(b).length - real(a).length || a.rank! - b.rank!)[0]!;
    expect(await page.getAttribute('[data-testid=scores-guide]', 'data-unit')).toBe(expected.code);
    expect(real(expected).map((i) => i.indicator)).toContain('ehr_coverage');
    expect(await page.textContent('[data-testid=scores-example] h3')).toContain(expected.name);

    const shown = await shownRows(page);
    const served = expected.components.flatMap((c) => c.indicators).filter((i) => i.normalised !== null);
    expect(shown.map((r) => r.indicator)).toEqual(served.map((i) => i.indicator));
    const factors = new Map(bw.wall.catalogue.indicators.map((i) => [i.code, i.factor]));
    for (const i of served) {
      const row = shown.find((r) => r.indicator === i.indicator)!;
      // Real or demo as the rollup says; a real figure names its document.
      expect(row.demo, i.indicator).toBe(demo(expected.code, i.indicator) ? 'yes' : 'no');
      if (row.demo === 'no') expect(row.source, i.indicator).toMatch(/^BC-SYT-NT-2024H1/);
      else expect(row.source, i.indicator).toBe('demo');
      // The API's figures, as the page writes them.
      expect(row.steps.value, i.indicator).toBe(f2(i.value!));
      expect(row.steps.worst, i.indicator).toBe(plain(i.goalposts!.worst));
      expect(row.steps.best, i.indicator).toBe(plain(i.goalposts!.best));
      expect(row.steps.normalised, i.indicator).toBe(f2(i.normalised!));
      // The written arithmetic: numerator ÷ denominator × factor (where the figure has counts), and the normalisation from the written x.
      const x = read(row.steps.value!);
      if (i.numerator !== null && i.denominator !== null) {
        expect(row.steps.numerator, i.indicator).toBe(plain(i.numerator));
        expect(row.steps.denominator, i.indicator).toBe(plain(i.denominator));
        const [n, d, factor] = row.cells[1]!.match(/^([\d.,]+) ÷ ([\d.,]+) × ([\d.,]+) = /)!.slice(1).map(read) as [number, number, number];
        expect(factor).toBe(factors.get(i.indicator));
        expect(Math.abs((n / d) * factor - x), i.indicator).toBeLessThanOrEqual(0.005);
      }
      const s = Math.min(100, Math.max(1, (100 * (x - i.goalposts!.worst)) / (i.goalposts!.best - i.goalposts!.worst)));
      expect(Math.abs(s - read(row.steps.normalised!)), i.indicator).toBeLessThanOrEqual(0.02);
    }
    // What is missing is listed with the server's reason, not imputed.
    for (const m of expected.components.flatMap((c) => c.missing))
      expect(await page.getAttribute(`[data-testid=scores-guide] tr[data-indicator=${m.indicator}]`, 'data-missing')).toBe(m.reason);

    for (const c of expected.components) {
      const line = (await page.textContent(`tr[data-component=${c.component}]`))!;
      if (c.score === null) continue;
      expect(await page.textContent(`tr[data-component=${c.component}] [data-step=component]`)).toBe(f2(c.score));
      const written = writtenMean(line);
      expect(Math.abs(written.value - written.shown), line).toBeLessThanOrEqual(0.01);
    }
    for (const a of [answer, other]) {
      const unit = a.units.find((u) => u.code === expected.code)!;
      const at = `[data-total=${a.scheme.method}]`;
      expect(await page.textContent(`${at} [data-step=total]`)).toBe(f2(unit.total!));
      expect(await page.textContent(`${at} [data-step=rank]`)).toBe(String(unit.rank));
    }
    const total = writtenMean((await page.textContent('[data-total=arithmetic]'))!);
    expect(Math.abs(total.value - total.shown)).toBeLessThanOrEqual(0.01);
    // Every figure the page recomputed agrees with the server's at the precision shown.
    expect(await page.locator('.guide-scores-mismatch').count()).toBe(0);

    // The ranking of every area by both methods, with how sure each rank is (the sensitivity analysis).
    expect(answer.sensitivity?.draws).toBeGreaterThanOrEqual(1000);
    const ranking = await page.$$eval('[data-testid=scores-ranking] tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-unit'), ...[...tr.querySelectorAll('[data-step]')].map((e) => `${e.getAttribute('data-step')}=${e.textContent}`)].join(' ')),
    );
    expect(ranking).toEqual(
      [...answer.units]
        .filter((u) => u.rank !== null)
        .sort((a, b) => a.rank! - b.rank!)
        .map((u) => {
          const g = other.units.find((x) => x.code === u.code)!;
          return `${u.code} total-arithmetic=${f2(u.total!)} rank-arithmetic=${u.rank} total-geometric=${f2(g.total!)} rank-geometric=${g.rank} median=${u.medianRank} interval=${u.rankInterval![0]}–${u.rankInterval![1]}`;
        }),
    );
    expect(await page.textContent('[data-testid=scores-sensitivity]')).toContain(`D = ${formatNumber(answer.sensitivity!.draws, 'vi')} `);

    await page.screenshot({ path: 'test-artifacts/guide-scores-formulas.png' });
    await page.locator('[data-testid=scores-example]').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: 'test-artifacts/guide-scores.png' });
    await page.locator('[data-testid=scores-ranking]').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: 'test-artifacts/guide-scores-ranking.png' });
    await page.close();
  }, 60_000);

  it('is reached from the guide\'s index, and keeps the indicator guide under ?indicator=', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1366, height: 1024 } });
    await page.goto(`${bw.server.url}/guide?indicator=ehr_coverage`);
    await page.waitForSelector('[data-testid=guide][data-indicator=ehr_coverage][data-ready=yes] [data-testid=guide-example]');
    await page.click('[data-testid=guide-topic-scores]');
    await page.waitForSelector('[data-testid=scores-guide][data-ready=yes]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('topic')).toBe('scores');
    await page.close();
  }, 60_000);

  it('in English holds no Vietnamese but proper names and documents\' own words', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1366, height: 1024 } });
    await open(page, '/guide?topic=scores&lang=en');
    expect(await page.textContent('[data-testid=scores-guide] h2')).toBe('Composite score, forecasts and what-if');
    expect(vietnameseLeftovers(await visibleTexts(page), await properNames(bw))).toEqual([]);
    await page.locator('[data-testid=scores-example]').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: 'test-artifacts/guide-scores-en.png' });
    await page.close();
  }, 60_000);
});
