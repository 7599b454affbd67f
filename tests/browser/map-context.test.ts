/**
 * The map with its context (issue 14): at 1920×1080 the services scene draws the neighbours' land
 * and the rest of today's province around the units, the inset of the archipelago with its name,
 * a legend that says the counts are per population and has an entry for no data, and the
 * provincial hospitals as separate marks; explore on a tablet draws the same. Saves
 * test-artifacts/map-context-1920.png and map-context-1024.png.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { markOf } from '../../client/map/classify.ts';
import { CONTEXT_COLOURS } from '../../client/map/map-context.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

const bw = browserWallForFile();

/** The map's pixels: how many of a colour, and the separate blobs of it (4-connected) of at least `least` pixels. */
async function mapPixels(page: Page) {
  const png = PNG.sync.read(await page.locator('[data-testid=map]').screenshot());
  const at = (i: number) => `${png.data[i * 4]},${png.data[i * 4 + 1]},${png.data[i * 4 + 2]}`;
  const count = (rgb: number[]) => {
    let n = 0;
    for (let i = 0; i < png.width * png.height; i++) if (at(i) === rgb.join(',')) n++;
    return n;
  };
  const blobs = (rgb: number[], least: number) => {
    const key = rgb.join(',');
    const seen = new Uint8Array(png.width * png.height);
    const sizes: number[] = [];
    for (let start = 0; start < seen.length; start++) {
      if (seen[start] || at(start) !== key) continue;
      let size = 0;
      const stack = [start];
      seen[start] = 1;
      while (stack.length) {
        const i = stack.pop()!;
        size++;
        const [x, y] = [i % png.width, Math.floor(i / png.width)];
        for (const [nx, ny] of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]] as const) {
          const j = ny * png.width + nx;
          if (nx >= 0 && ny >= 0 && nx < png.width && ny < png.height && !seen[j] && at(j) === key) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      if (size >= least) sizes.push(size);
    }
    return sizes;
  };
  return { count, blobs };
}

/** The inset stands inside the map and off the box around its units. */
async function expectInsetClear(page: Page) {
  const inset = (await page.locator('[data-testid=map-inset]').boundingBox())!;
  const map = (await page.locator('[data-testid=map]').boundingBox())!;
  expect(inset.x + inset.width).toBeLessThanOrEqual(map.x + map.width + 1);
  expect(inset.y + inset.height).toBeLessThanOrEqual(map.y + map.height + 1);
  const [left, top, right, bottom] = (await page.getAttribute('[data-testid=map]', 'data-units-box'))!.split(',').map(Number) as [number, number, number, number];
  const [x, y] = [inset.x - map.x, inset.y - map.y];
  const covers = x < right && left < x + inset.width && y < bottom && top < y + inset.height;
  expect(covers, `inset at ${x},${y} over the units at ${left},${top}–${right},${bottom}`).toBe(false);
}

describe('the map with its context', () => {
  it('at 1920×1080 (services): context land, the archipelago inset, a per-population legend with no data, hospitals apart', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${bw.server.url}/?rotate=0&scene=services`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    await page.screenshot({ path: 'test-artifacts/map-context-1920.png' });

    const pixels = await mapPixels(page);
    // Neighbours' land and the rest of today's province, each over a real share of the map.
    expect(pixels.count(CONTEXT_COLOURS.land)).toBeGreaterThan(5000);
    expect(pixels.count(CONTEXT_COLOURS.province)).toBeGreaterThan(2000);

    // The inset, with its name, clear of the units: none of the map's unit colours under it.
    await expect.poll(() => page.textContent('[data-testid=map-inset]')).toContain('Quần đảo Trường Sa (Khánh Hòa)');
    await expectInsetClear(page);

    // The legend says what is mapped and keeps an entry for no data.
    expect(await page.textContent('[data-testid=map-legend-title]')).toBe('lượt / 10.000 dân');
    expect(await page.textContent('[data-testid=map-legend] [data-no-data=yes]')).toMatch(/Không có số liệu/);

    // The five provincial hospitals at the seat: five separate white marks, not one pile.
    const hospitals = pixels.blobs(markOf('provincial_hospital').colour, 40);
    expect(hospitals.length).toBeGreaterThanOrEqual(5);

    // A province taller than wide: its keys stand beside the map, which takes the panel's height under its title.
    const body = page.locator('.scene .map-panel .map-body');
    expect(await body.getAttribute('class')).toContain('keys-beside');
    const [bodyBox, mapBox] = [(await body.boundingBox())!, (await page.locator('.scene [data-testid=map]').boundingBox())!];
    expect(mapBox.height).toBeGreaterThan(0.95 * bodyBox.height);
    await page.close();
  });

  it('in explore on a tablet (1024×768): the same context and inset around the units', async () => {
    const page = await bw.browser.newPage({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    await page.goto(`${bw.server.url}/explore?indicator=dengue_cases`);
    await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    await page.waitForSelector('[data-testid=explore][data-ready=yes]');
    await page.screenshot({ path: 'test-artifacts/map-context-1024.png' });
    const pixels = await mapPixels(page);
    expect(pixels.count(CONTEXT_COLOURS.land)).toBeGreaterThan(2000);
    expect(await page.textContent('[data-testid=map-inset]')).toContain('Quần đảo Trường Sa (Khánh Hòa)');
    await expectInsetClear(page);
    expect(await page.textContent('[data-testid=map-legend-title]')).toMatch(/^ca \/ 100?\.000 dân$/);
    expect(await page.textContent('[data-testid=map-legend] [data-no-data=yes]')).toMatch(/Không có số liệu/);
    await page.close();
  });
});
