import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chanceText } from '../../client/forecast/ForecastPanel.tsx';
import { describeChange, formatNumber, formatValue } from '../../client/format/format-value.ts';
import { weakestLever } from '../../client/print/CoverScores.tsx';
import type { ForecastAnswer } from '../../data/schema/forecast.ts';
import { formatPeriod } from '../../data/schema/period.ts';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { catalogues } from '../../client/i18n/messages.ts';
import { SUMMARY_INDICATORS, summaryView } from '../../client/print/summary.ts';
import { lastClosedMonth, lastCompleteQuarter } from '../../client/scenes/periods.ts';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { documentName, type AttentionAnswer } from '../../data/schema/attention.ts';
import type { FigureSources } from '../../data/schema/briefing.ts';
import { viewToQuery } from '../../data/schema/view-query.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { BRIEFING_SCENES, Briefings } from '../../server/briefing/briefings.ts';
import { nextBriefingAt, parseBriefingTime } from '../../server/briefing/schedule.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

// Real figures only: Bảng 4 of BC-SYT-NT-2024H1, telehealth consultations by commune station.
const NINH_SON = '/explore?indicator=telehealth_consultations&unit=585&period=2024-H1';
let wall: TestWall;
let server: TestServer;
let out: string;
beforeAll(async () => {
  // With the demo figures (as `npm start` has them): the briefing's month then has figures to
  // summarise and the attention list items; the source report's figures still stand alone in their periods.
  wall = await openTestWall({ demo: true });
  server = await startTestServer(wall);
  out = mkdtempSync(join(tmpdir(), 'ioc-briefing-test-'));
}, 60_000);
afterAll(async () => {
  await server.close();
  await wall.close();
  rmSync(out, { recursive: true, force: true });
});

const exportPage = async (page: string, format: string, size?: string) => {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/export?${new URLSearchParams({ page, format, ...(size ? { size } : {}) })}`);
  const ms = performance.now() - started;
  return { res, ms, bytes: Buffer.from(await res.arrayBuffer()) };
};

const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' });
const getJson = async <T,>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** Spread of grey levels over the image: a blank or one-colour picture has (almost) none. */
function variance(png: PNG): number {
  let sum = 0;
  let squares = 0;
  const n = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const grey = (png.data[i]! + png.data[i + 1]! + png.data[i + 2]!) / 3;
    sum += grey;
    squares += grey * grey;
  }
  return squares / n - (sum / n) ** 2;
}

describe('exporting a screen', () => {
  it('as an A4 landscape PDF whose text keeps the Vietnamese title, unit names, period, data date and source', async () => {
    const { res, ms, bytes } = await exportPage(NINH_SON, 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    console.log(`PDF of the Ninh Sơn drill-down (map, chart, list): ${ms.toFixed(0)} ms for 1 page, Chromium start included (target ≤ 5 s a page)`);
    const file = join(out, 'ninh-son.pdf');
    writeFileSync(file, bytes);
    expect(pdfPages(file)).toBe(1);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = pdfText(file);
    for (const words of ['Số lượt tư vấn khám chữa bệnh từ xa', 'Trung tâm điều hành y tế Ninh Thuận', 'Ninh Sơn', 'Mỹ Sơn', 'Đô Vinh', 'Lâm Sơn', 'Anh Dũng', 'Kỳ: 6 tháng đầu năm 2024', 'Số liệu đến ngày', 'BC-SYT-NT-2024H1'])
      expect(text).toContain(words);
    // Real figures only: no demo mark.
    expect(text).not.toContain('DỮ LIỆU DEMO');
  });

  it.each([
    ['1920x1080', 1920, 1080],
    ['3840x2160', 3840, 2160],
  ])('as a %s PNG that is not blank', async (size, width, height) => {
    const { res, ms, bytes } = await exportPage(NINH_SON, 'png', size);
    expect(res.status).toBe(200);
    console.log(`PNG ${size}: ${ms.toFixed(0)} ms`);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([width, height]);
    expect(variance(png)).toBeGreaterThan(200);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(join('test-artifacts', `export-ninh-son-${size}.png`), bytes);
  });

  it('refuses a page that is not a screen of the wall, and a bad format, with 400', async () => {
    expect((await exportPage('https://example.com/', 'pdf')).res.status).toBe(400);
    expect((await exportPage('/api/health', 'pdf')).res.status).toBe(400);
    expect((await exportPage(NINH_SON, 'gif')).res.status).toBe(400);
    expect((await exportPage(NINH_SON, 'png', '800x600')).res.status).toBe(400);
  });
});

describe('the weekly briefing', () => {
  it('makes one PDF (a page per scene) and a PNG per scene into a folder for the week, listed in the index; made again, it replaces it', async () => {
    const briefings = server.briefings;
    const first = await briefings.produce('2026-11-18', new Date('2026-11-18T01:00:00Z'));
    expect(first.week).toBe('2026-W47');
    console.log(`weekly briefing: a cover and ${BRIEFING_SCENES.length} scenes, ${first.msPerPage} ms a page (a scene: its PNG and PDF page), map included (target ≤ 5 s a page)`);
    const week = join(briefings.dir, '2026-W47');
    expect(readdirSync(week).sort()).toEqual([...first.pngs, first.pdf].sort());
    // The cover, then a page per scene.
    expect(pdfPages(join(week, first.pdf))).toBe(BRIEFING_SCENES.length + 1);
    const text = pdfText(join(week, first.pdf));
    for (const title of ['Tổng quan', 'Chuyển đổi số & Đề án 06', 'Khám chữa bệnh', 'Giám sát dịch bệnh', 'Chất lượng dữ liệu', 'Đơn vị: Ninh Thuận']) expect(text).toContain(title);
    const second = await briefings.produce('2026-11-20', new Date('2026-11-20T01:00:00Z'));
    expect(briefings.index().filter((e) => e.week === '2026-W47')).toEqual([second]);
    expect(statSync(join(week, second.pdf)).mtimeMs).toBeGreaterThan(statSync(join(out, 'ninh-son.pdf')).mtimeMs);
    expect(readdirSync(briefings.dir).sort()).toEqual(['2026-W47', 'index.json']);
    // Listed in the UI, each file downloadable.
    const browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${server.url}/briefings`);
    await page.waitForSelector('[data-testid=briefings][data-ready=yes]');
    expect(await page.textContent('[data-testid=briefings]')).toContain('Tuần 2026-W47');
    const pdfLink = await page.getAttribute(`a:text("${second.pdf}")`, 'href');
    const res = await fetch(`${server.url}${pdfLink}`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    // The wall's own export link renders the screen it is on.
    await page.goto(`${server.url}${NINH_SON}`);
    const exportLink = await page.getAttribute('[data-testid=export-png]', 'href');
    expect(new URLSearchParams(exportLink!.split('?')[1]).get('page')).toBe(NINH_SON);
    await browser.close();
  }, 180_000);

  // The briefing just made (made twice above: the second replaced the first), read again, not rendered again.
  const madePdf = () => join(server.briefings.dir, '2026-W47', server.briefings.index()[0]!.pdf);

  it("opens on a cover with the week, the province and a summary table whose figures are the rollup API's", async () => {
    const cover = pdfText(madePdf(), 1);
    for (const words of ['Bản tin giao ban tuần', 'Tuần 47/2026', 'Ninh Thuận', 'Số liệu đến ngày', 'Các chỉ số chính của tỉnh', 'So với kỳ trước', 'So với cùng kỳ năm trước'])
      expect(cover).toContain(words);
    // The same question the cover asks, formatted the same way.
    // The month the wall heads with: the last closed one (its reports due 10 days after it ends).
    const month = lastClosedMonth(wall.pack.timezone, 10);
    const answer = await getJson<RollupAnswer>(`/api/rollup?${viewToQuery(summaryView(month))}`);
    const vi = catalogues.vi;
    for (const code of SUMMARY_INDICATORS) {
      const indicator = wall.catalogue.indicators.find((i) => i.code === code)!;
      const row = answer.rows.find((r) => r.indicator === code);
      expect(row, code).toBeDefined();
      const unit = indicator.unit.vi;
      expect(cover, `${code}: value`).toContain(formatValue(row!.value, unit, 'vi'));
      if (row!.target) expect(cover, `${code}: target`).toContain(`${formatValue(row!.target.value, unit, 'vi')} (${documentName(row!.target.source)})`);
      if (row!.status) expect(cover, `${code}: status`).toContain(vi[`status.${row!.status}`]);
      const previous = describeChange(row!.value, row!.change.previous, unit, indicator.direction, 'vi');
      if (previous && previous.way !== 'flat') expect(cover, `${code}: change`).toContain(vi[`change.${previous.measure}`].replace('{amount}', previous.amount));
    }
    if (answer.rows.some((r) => !r.target)) expect(cover).toContain(vi['tile.noTarget']);
    expect(cover).toContain('Demo');
    // What needs attention: counted on the cover, listed on the next page.
    const attention = await getJson<AttentionAnswer>('/api/attention');
    expect(attention.items.length).toBeGreaterThan(0);
    expect(cover).toContain(`${attention.items.length} việc cần chú ý`);
    const listed = pdfText(madePdf(), 2);
    expect(listed).toContain('Cần chú ý');
    const first = attention.items[0]!;
    expect(listed).toContain(first.status ? vi[`attention.status.${first.status}`] : vi[`attention.kind.${first.kind}`]);
  });

  it("summarises the composite score, one what-if and the forecasts to the targets' dates, as the API computes them", async () => {
    // pdftotext lays the text out in lines of its own: compare with the spaces squeezed.
    const cover = pdfText(madePdf(), 1).replace(/\s+/g, ' ');
    const period = formatPeriod(lastCompleteQuarter(lastClosedMonth(wall.pack.timezone, 10)));
    const score = (n: number | null) => formatNumber(n, 'vi', 1);
    const province = await getJson<ScoresAnswer>(`/api/scores?level=province&period=${period}&draws=0`);
    expect(cover).toContain(`Điểm tổng toàn tỉnh: ${score(province.units[0]!.total)}/100.`);
    const areas = await getJson<ScoresAnswer>(`/api/scores?level=area&parent=58&period=${period}`);
    const ranked = [...areas.units].sort((a, b) => a.rank! - b.rank!);
    const last = ranked.at(-1)!;
    expect(cover).toContain(`thấp nhất ${last.name} (${score(last.total)}, hạng ${last.rank}`);
    // The what-if: the last area's indicator furthest from its goal, brought to it.
    const lever = weakestLever(last)!;
    const whatIf = await getJson<ScoresAnswer>(`/api/scores?level=area&parent=58&period=${period}&draws=0&set=${lever.indicator}:${last.code}:${lever.value}`);
    const moved = whatIf.whatIf!.units.find((u) => u.code === last.code)!;
    expect(cover).toContain(`điểm tổng ${score(moved.before.total)} → ${score(moved.after.total)}, hạng ${moved.before.rank} → ${moved.after.rank}`);
    expect(moved.after.total!).toBeGreaterThan(moved.before.total!);
    // The chance of meeting the EHR target of 2030 (QĐ 5316/QĐ-BYT).
    const forecast = await getJson<ForecastAnswer>('/api/forecast?indicator=ehr_coverage&unit=58');
    expect(cover).toContain(`khả năng đạt chỉ tiêu ${formatValue(forecast.target!.value, '%', 'vi')}: ${chanceText(forecast.probability!)}`);
    // Still one page: the contents' last entry and the sources band at its foot are on it.
    expect(cover).toContain(`Trang ${SCENES.length + 1}`);
    expect(cover).toContain('Nguồn:');
  });

  it('prints each map and chart with its figures as a table, and names sources as documents, never files', async () => {
    const pdf = madePdf();
    const text = pdfText(pdf);
    expect(text).not.toMatch(/data\/generators|\.ts\b|\.csv\b/);
    expect(text).toContain('Nguồn: Dữ liệu demo (sinh tự động)');
    // The digital scene maps communes: the map is a picture, so their names in the text are the table's.
    const digital = pdfText(pdf, 2 + BRIEFING_SCENES.indexOf('digital'));
    for (const commune of wall.pack.units.filter((u) => u.level === 'commune')) expect(digital, commune.name).toContain(commune.name);
    for (const words of ['Đơn vị', 'Giá trị', 'Đánh giá', 'Cơ sở', 'Mức']) expect(digital).toContain(words);
    // The source report's figures cite their table; demo figures are one source, named in words.
    const sources = (q: Record<string, string>) => getJson<FigureSources>(`/api/sources?${new URLSearchParams(q)}`);
    const real = await sources({ indicators: 'ehr_coverage', from: '2024-01-01', to: '2024-06-30', unit: '58' });
    expect(real.sources).toEqual([{ document: 'BC-SYT-NT-2024H1 Bảng 2', figures: expect.any(Number), demo: false }]);
    const demo = await sources({ indicators: 'ehr_coverage,outpatient_visits', from: '2026-01-01', to: '2026-06-30', unit: '58' });
    expect(demo.sources).toEqual([{ document: null, figures: expect.any(Number), demo: true }]);
  });

  it('is light on ink: dark text on white, most of every page near white', () => {
    mkdirSync('test-artifacts', { recursive: true });
    for (const f of readdirSync('test-artifacts').filter((f) => f.startsWith('briefing-page-'))) rmSync(join('test-artifacts', f));
    execFileSync('pdftoppm', ['-png', '-r', '60', madePdf(), join('test-artifacts', 'briefing-page')]);
    const pages = readdirSync('test-artifacts').filter((f) => f.startsWith('briefing-page-')).sort();
    expect(pages).toHaveLength(BRIEFING_SCENES.length + 1);
    for (const file of pages) {
      const png = PNG.sync.read(readFileSync(join('test-artifacts', file)));
      let light = 0;
      for (let i = 0; i < png.data.length; i += 4) if (0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]! > 230) light++;
      const share = light / (png.width * png.height);
      console.log(`${file}: ${(share * 100).toFixed(1)}% of pixels near white`);
      expect(share, file).toBeGreaterThan(0.7);
    }
  });

  it('fails with a clear error and leaves nothing half written when a screen cannot be drawn', async () => {
    const dir = join(out, 'failing');
    const briefings = new Briefings(dir, 'Asia/Ho_Chi_Minh', 'Trung tâm điều hành y tế Ninh Thuận', 2_000);
    // Nothing listens there: no screen can be opened.
    briefings.serveFrom('http://127.0.0.1:9', 'no-token-needed');
    await expect(briefings.produce('2026-11-18')).rejects.toThrow(/\/briefings\/cover\?week=2026-W47: the screen did not finish drawing/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('tells why an export failed, naming the screen, when it never finishes drawing', async () => {
    const briefings = new Briefings(join(out, 'slow'), 'Asia/Ho_Chi_Minh', 'x', 2_000);
    briefings.serveFrom(server.url, server.access.internalToken('slow renderer', 'viewer'));
    await expect(briefings.exportPage('/explore?indicator=no_such_indicator&unit=58&period=2024-H1', 'png')).rejects.toThrow(
      /no_such_indicator.*did not finish drawing within 2 s/,
    );
  });

  it('runs at the configured weekday and time in Asia/Ho_Chi_Minh', () => {
    const monday7 = parseBriefingTime('mon 07:00');
    if ('error' in monday7) throw new Error(monday7.error);
    // Monday 06:00 in Hà Nội is Sunday 23:00 UTC: today at 07:00 local.
    expect(nextBriefingAt(monday7, 'Asia/Ho_Chi_Minh', new Date('2026-11-22T23:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    // Monday 07:30 local: next Monday.
    expect(nextBriefingAt(monday7, 'Asia/Ho_Chi_Minh', new Date('2026-11-23T00:30:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(parseBriefingTime('monday 7am')).toEqual({ error: expect.stringContaining('mon 07:00') });
  });

  it('covers the scenes of the wall, in its order', () => {
    expect(BRIEFING_SCENES).toEqual(SCENES.map((s) => s.id));
  });
});
