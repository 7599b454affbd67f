/** A wall with the demo figures, its server on an ephemeral port and Chromium: what a browser test of a screen starts from. */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { launchChromium } from './chromium.ts';
import { startTestServer, type TestServer } from './server.ts';
import { openTestWall, type TestWall } from './wall.ts';

export interface BrowserWall {
  wall: TestWall;
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

async function openBrowserWall(): Promise<BrowserWall> {
  const wall = await openTestWall();
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir });
  const [server, browser] = await Promise.all([startTestServer(wall), launchChromium()]);
  mkdirSync('test-artifacts', { recursive: true });
  return {
    wall,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      await wall.close();
    },
  };
}

/**
 * The same for a test file: opened before its tests, closed after. The object is filled in when
 * the file's first hook runs; read its fields inside tests and hooks, not at the top level.
 */
export function browserWallForFile(): BrowserWall {
  const handle = {} as BrowserWall;
  beforeAll(async () => {
    Object.assign(handle, await openBrowserWall());
  }, 120_000);
  afterAll(() => handle.close?.());
  return handle;
}
