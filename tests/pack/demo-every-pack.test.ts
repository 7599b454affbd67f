/**
 * Every pack starts with its demo figures, as `IOC_PACK=<id> npm start` does: no demo file is
 * refused. (A province-level demo figure before the 2025 merge of provinces once stopped the start
 * of An Giang and Khánh Hòa: no unit of those years is today's province.)
 */
import { describe, expect, it } from 'vitest';
import { screenPainted } from '../../data/schema/screen.ts';
import { readConfig } from '../../server/config.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestServer } from '../support/server.ts';
import { openTestWall } from '../support/wall.ts';

describe.each(['khanh-hoa', 'an-giang'])('IOC_PACK=%s with its demo figures', (id) => {
  it('starts: every demo file lands, and its wall at 1920×1080 ranks only what has room, saying so', async () => {
    const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: id });
    // demo: true loads the demo figures at open, as the server's first start does; a refused file stops the open.
    const wall = await openTestWall({ packId, packDir, boundariesFile, demo: true });
    const server = await startTestServer(wall);
    const browser = await launchChromium();
    try {
      const [row] = await wall.store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM facts WHERE is_demo');
      expect(row!.n).toBeGreaterThan(0);
      // The wall of a large province at 1920×1080: its ranking of hospitals and centres (21 or 29) keeps room for every
      // name it shows, and says it shows the lowest ranked; the map says which kinds of facility it leaves off.
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.addInitScript({ content: `window.screenPainted = ${screenPainted}` });
      await page.goto(`${server.url}/?rotate=0&kiosk=1&scene=services`);
      await page.waitForFunction(() => (window as unknown as { screenPainted(): boolean }).screenPainted(), undefined, { timeout: 60_000 });
      const chart = page.locator('.scene [data-testid=ranking-chart]');
      const rows = Number(await chart.getAttribute('data-rows'));
      const height = (await chart.boundingBox())!.height;
      const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(rows * 1.35 * Math.round(rem)).toBeLessThanOrEqual(height);
      const [, shown, total] = /^(\d+) đơn vị xếp cuối trong (\d+)/.exec((await page.textContent('[data-testid=ranking-left-out]'))!)!;
      expect(Number(shown)).toBe(rows);
      expect(Number(total)).toBeGreaterThan(rows);
      expect(await page.locator('[data-testid=facility-legend] li.note').allTextContents()).toContainEqual(expect.stringContaining('không vẽ ở tỷ lệ này'));
    } finally {
      await browser.close();
      await server.close();
      await wall.close();
    }
  }, 180_000);
});
