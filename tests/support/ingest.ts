/** Ingesting test files into a test wall. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, type BatchReport } from '../../server/ingest/index.ts';
import type { TestWall } from './wall.ts';

export const HEADER = 'indicator,unit,facility,period,numerator,denominator,value,subgroup,source';

/** Fixed "now" so period checks do not depend on the day the tests run. */
export const NOW = new Date('2026-11-20T05:00:00Z');

export async function ingestCsv(
  wall: TestWall,
  lines: string[],
  options: { fileName?: string; partial?: boolean; demo?: boolean; header?: string } = {},
): Promise<BatchReport> {
  const fileName = options.fileName ?? 'figures.csv';
  const path = join(wall.dir, fileName);
  writeFileSync(path, [options.header ?? HEADER, ...lines].join('\n') + '\n');
  return ingestFile(
    wall.store,
    wall.pack,
    { fileName, path },
    { channel: 'cli', submittedBy: 'test', fileName, source: 'test', demo: options.demo ?? false, acceptPartial: options.partial ?? false },
    NOW,
  );
}

export async function factCount(wall: TestWall): Promise<number> {
  const [r] = await wall.store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM facts');
  return r!.n;
}
