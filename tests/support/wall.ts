/** A wall on a real DuckDB file in a fresh temp folder, as the server opens it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig, type Config } from '../../server/config.ts';
import { openWall, type OpenOptions, type Wall } from '../../server/bootstrap.ts';

export interface TestWall extends Wall {
  config: Config;
  dir: string;
  close(): Promise<void>;
}

export async function openTestWall(overrides: Partial<Config> = {}, options: OpenOptions = {}): Promise<TestWall> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-test-'));
  const config = { ...readConfig({}), databaseFile: join(dir, 'ioc.duckdb'), demoDir: join(dir, 'demo'), demo: false, ...overrides };
  const wall = await openWall(config, options);
  return {
    ...wall,
    config,
    dir,
    async close() {
      wall.push.close();
      wall.attention.close();
      await wall.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
