import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastClosedMonth } from '../../client/scenes/periods.ts';
import { DEFAULT_REPORTING } from '../../data/schema/pack.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  wall = await openTestWall();
  [server, browser] = await Promise.all([startTestServer(wall), launchChromium()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await wall?.close();
});

describe('the wall, unattended', () => {
  it('recovers by itself after the server restarts, without a page reload, and shows what landed meanwhile', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/?rotate=0&scene=digital`);
    await expect.poll(() => page.textContent('[data-testid=connection]'), { timeout: 20_000 }).toBe('Đã kết nối');
    const tile = '[data-testid=tile-telehealth_consultations]';
    await page.waitForSelector(tile);
    // A wall that has been running: its map and charts have drawn before the server goes down.
    await page.waitForSelector('[data-testid=map] canvas');
    await page.waitForSelector('[data-testid=trend-chart] canvas');
    await page.waitForTimeout(1000);
    const before = Number((await page.getAttribute(tile, 'data-value')) || 0);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const port = server.port;
    await server.close();
    await expect.poll(() => page.textContent('[data-testid=connection]'), { timeout: 20_000 }).toBe('Mất kết nối – đang thử lại');
    // Figures land while the server is down (loaded straight into the store, as a restarted server finds them).
    const file = `${wall.dir}/meanwhile.csv`;
    writeFileSync(file, `${HEADER}\ntelehealth_consultations,,TYT-22810,${lastClosedMonth('Asia/Ho_Chi_Minh', DEFAULT_REPORTING.due_days.month)},,,777,,\n`);
    const landed = await ingestFile(wall.store, wall.pack, { fileName: 'meanwhile.csv', path: file }, {
      channel: 'cli', submittedBy: 'test', fileName: 'meanwhile.csv', source: null, demo: false, acceptPartial: false,
    });
    expect(landed.status).toBe('committed');
    server = await startTestServer(wall, port);

    await expect.poll(() => page.textContent('[data-testid=connection]'), { timeout: 30_000 }).toBe('Đã kết nối');
    await expect.poll(async () => Number(await page.getAttribute(tile, 'data-value')), { timeout: 15_000 }).toBe(before + 777);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(errors).toEqual([]);
  }, 90_000);
});
