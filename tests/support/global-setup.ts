/** Once per test run: build the client into a temp folder (leaving dist/ alone) and make sure Chromium is there. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    clientDir: string;
  }
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const clientDir = mkdtempSync(join(tmpdir(), 'ioc-client-'));
  // Vitest sets NODE_ENV=test, which would give the browser React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: clientDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide('clientDir', clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}
