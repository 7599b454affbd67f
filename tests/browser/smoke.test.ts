import { mkdirSync } from 'node:fs';
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
  it('shows the pack in Vietnamese and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(server.url);
    await expect.poll(() => page.textContent('[data-testid=pack-summary]')).toContain('32 đơn vị hành chính');
    expect(await page.textContent('header')).toContain('Trung tâm điều hành y tế');
    expect(await page.textContent('header')).toContain('Ninh Thuận');
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/smoke-vi.png' });
    await page.click('header button');
    await expect.poll(() => page.textContent('[data-testid=pack-summary]')).toContain('32 administrative units');
  });
});
