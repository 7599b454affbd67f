import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { BRIEFING_SCENES, Briefings } from '../../server/briefing/briefings.ts';
import { nextBriefingAt, parseBriefingTime } from '../../server/briefing/schedule.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Real figures only: Bảng 4 of BC-SYT-NT-2024H1, telehealth consultations by commune station.
const NINH_SON = '/explore?indicator=telehealth_consultations&unit=585&period=2024-H1';
let server: TestServer;
let out: string;
beforeAll(async () => {
  server = await startTestServer();
  out = mkdtempSync(join(tmpdir(), 'ioc-briefing-test-'));
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(out, { recursive: true, force: true });
});

const exportPage = async (page: string, format: string, size?: string) => {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/export?${new URLSearchParams({ page, format, ...(size ? { size } : {}) })}`);
  const ms = performance.now() - started;
  return { res, ms, bytes: Buffer.from(await res.arrayBuffer()) };
};

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
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
    for (const words of ['Số lượt tư vấn khám chữa bệnh từ xa', 'Trung tâm điều hành y tế Ninh Thuận', 'Ninh Sơn', 'Mỹ Sơn', 'Đô Vinh', 'Lâm Sơn', 'Anh Dũng', 'Kỳ: 2024-H1', 'Số liệu đến ngày', 'BC-SYT-NT-2024H1'])
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
    console.log(`weekly briefing: ${BRIEFING_SCENES.length} scenes, ${first.msPerPage} ms a scene for its PNG and PDF page, map included (target ≤ 5 s a page)`);
    const week = join(briefings.dir, '2026-W47');
    expect(readdirSync(week).sort()).toEqual([...first.pngs, first.pdf].sort());
    expect(pdfPages(join(week, first.pdf))).toBe(BRIEFING_SCENES.length);
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
  }, 120_000);

  it('fails with a clear error and leaves nothing half written when a screen cannot be drawn', async () => {
    const dir = join(out, 'failing');
    const briefings = new Briefings(dir, 'Asia/Ho_Chi_Minh', 'Trung tâm điều hành y tế Ninh Thuận', 2_000);
    // Nothing listens there: no screen can be opened.
    briefings.serveFrom('http://127.0.0.1:9', 'no-token-needed');
    await expect(briefings.produce('2026-11-18')).rejects.toThrow(/\/\?scene=attention: the screen did not finish drawing/);
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
