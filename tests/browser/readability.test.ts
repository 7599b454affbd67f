/**
 * Readable from the back of the operations room (issue 14): at 1920×1080 no text of any wall
 * scene is under 18 CSS px — HTML text by its computed size, canvas text (charts) by the font it
 * is drawn with, map labels by the size the label layer is given — and headline figures are at
 * least 64 px; at 3840×2160 the same, doubled. Saves a screenshot of every scene at both sizes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

const bw = browserWallForFile();

/** Records the size of every piece of text drawn on a canvas that is on the page. */
function recordCanvasText() {
  const sizes: { px: number; text: string }[] = [];
  (window as unknown as { canvasText: typeof sizes }).canvasText = sizes;
  for (const method of ['fillText', 'strokeText'] as const) {
    const draw = CanvasRenderingContext2D.prototype[method];
    CanvasRenderingContext2D.prototype[method] = function (this: CanvasRenderingContext2D, text: string, ...rest: [number, number, number?]) {
      const canvas = this.canvas;
      // Offscreen canvases (deck.gl's glyph atlas) are not what the viewer sees.
      if (canvas.isConnected && String(text).trim()) {
        const px = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 0);
        // ECharts scales the context by the device pixel ratio and writes fonts in CSS pixels.
        const scale = Math.hypot(this.getTransform().a, this.getTransform().b) / (canvas.width / canvas.getBoundingClientRect().width || 1);
        sizes.push({ px: px * scale, text: String(text) });
      }
      return draw.call(this, text, ...rest);
    } as never;
  }
}

interface Measured {
  html: { px: number; text: string }[];
  canvas: { px: number; text: string }[];
  labels: number[];
  headlines: number[];
}

/** Every visible text node's computed font size, the canvas record, map label sizes and headline figures. */
function measure(): Measured {
  const html: { px: number; text: string }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    const element = node.parentElement;
    if (!text || !element) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const style = getComputedStyle(element);
    const visible = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth && style.visibility !== 'hidden' && Number(style.opacity) > 0;
    if (visible) html.push({ px: parseFloat(style.fontSize), text: text.slice(0, 40) });
  }
  return {
    html,
    canvas: (window as unknown as { canvasText: { px: number; text: string }[] }).canvasText,
    labels: [...document.querySelectorAll<HTMLElement>('[data-label-px]')].map((m) => Number(m.dataset.labelPx)),
    headlines: [...document.querySelectorAll('.tile-value')].map((e) => parseFloat(getComputedStyle(e).fontSize)),
  };
}

async function openScene(id: string, width: number, height: number): Promise<{ page: Page; measured: Measured }> {
  const page = await bw.browser.newPage({ viewport: { width, height } });
  await page.addInitScript(recordCanvasText);
  await page.goto(`${bw.server.url}/?rotate=0&kiosk=1&scene=${id}`);
  await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
  await page.screenshot({ path: `test-artifacts/scene-${id}-${width}.png` });
  return { page, measured: await page.evaluate(measure) };
}

const smallest = (sizes: { px: number; text: string }[]) => sizes.reduce((a, b) => (b.px < a.px ? b : a), { px: Infinity, text: '' });

describe.each([
  [1920, 1080, 18, 64],
  [3840, 2160, 36, 128],
])('every wall scene at %i×%i', (width, height, least, headline) => {
  it.each(SCENES.map((s) => s.id))('%s: no text under the floor, headline figures above theirs', async (id) => {
    const { page, measured } = await openScene(id, width, height);
    expect(measured.html.length).toBeGreaterThan(5);
    expect(smallest(measured.html), 'HTML text').toMatchObject({ px: expect.toSatisfy((px: number) => px >= least) });
    if (measured.canvas.length > 0) expect(smallest(measured.canvas), 'chart text').toMatchObject({ px: expect.toSatisfy((px: number) => px >= least) });
    for (const px of measured.labels) expect(px, 'map labels').toBeGreaterThanOrEqual(least);
    for (const px of measured.headlines) expect(px, 'headline figure').toBeGreaterThanOrEqual(headline);
    // Scenes with charts draw text on canvas; the record must not be empty there, or it measured nothing.
    if ((await page.$$('.chart canvas')).length > 0) expect(measured.canvas.length).toBeGreaterThan(5);
    await page.close();
  }, 60_000);
});

describe('status and change read without colour', () => {
  it('gives each tile its period in words, its status as shape and word, and both changes with an arrow, never "−0,0"', async () => {
    const { page } = await openScene('digital', 1920, 1080);
    const tiles = await page.$$eval('article[data-testid^=tile-]', (all) =>
      all.map((tile) => ({
        period: tile.querySelector('.tile-period')?.firstChild?.textContent,
        status: tile.querySelector('[data-testid=tile-status]')?.textContent?.trim() ?? null,
        shape: tile.querySelector('[data-testid=tile-status] svg')?.getAttribute('data-shape') ?? null,
        changes: [...tile.querySelectorAll('.change')].map((c) => ({ text: c.textContent!.trim(), way: c.getAttribute('data-way'), shape: c.querySelector('svg')?.getAttribute('data-shape') })),
      })),
    );
    expect(tiles).toHaveLength(4);
    const month = /^Tháng \d{1,2}\/\d{4}$/;
    for (const tile of tiles) {
      expect(tile.period).toMatch(month);
      if (tile.status !== null) expect([tile.status, tile.shape]).toSatisfy(([word, shape]: string[]) => ({ Đạt: 'check', 'Gần đạt': 'warn', 'Chưa đạt': 'cross' })[word!] === shape);
      // A change is shown only between two final figures (a partial month compares with nothing): each in its place.
      expect(['kỳ trước', 'cùng kỳ']).toEqual(expect.arrayContaining(tile.changes.map((c) => c.text.replace(/^.* so với /, ''))));
      expect(tile.changes.map((c) => c.text.replace(/^.* so với /, ''))).toEqual(['kỳ trước', 'cùng kỳ'].filter((w) => tile.changes.some((c) => c.text.endsWith(w))));
      for (const change of tile.changes) {
        expect(change.shape).toBe(change.way);
        expect(change.text).not.toMatch(/[−-]0,0/);
        expect(change.text).toMatch(/^(không đổi|\d[\d.]*,\d( điểm %|%)) so với/);
      }
    }
    expect(tiles.filter((t) => t.changes.length === 2).length).toBeGreaterThanOrEqual(2);
    // EHR coverage and cashless payments have targets in force in 2026: their tiles say where they stand.
    expect(tiles.filter((t) => t.status !== null).length).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('[data-testid=status-legend]')).toMatch(/Đạt.*Gần đạt.*Chưa đạt/);
    await page.close();
  }, 60_000);
});
