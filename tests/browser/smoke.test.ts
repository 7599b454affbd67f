import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the served client in Chromium', () => {
  it('shows the header in Vietnamese with the live connection, and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/?rotate=0`);
    await expect.poll(() => page.textContent('header')).toContain('Ninh Thuận');
    expect(await page.textContent('header h1')).toContain('Trung tâm điều hành y tế');
    await expect.poll(() => page.textContent('[data-testid=connection]')).toBe('Đã kết nối');
    await page.click('header button');
    await expect.poll(() => page.textContent('header h1')).toContain('Health operations centre');
    expect(await page.textContent('[data-testid=connection]')).toBe('Connected');
  });
});
