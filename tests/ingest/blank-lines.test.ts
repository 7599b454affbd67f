/**
 * Blank lines between a CSV's rows (issue 30): rows keep the numbers a spreadsheet shows them at,
 * and a file of many, every row refused, is answered in about a second (it was quadratic: 300,000
 * rows each after a blank line held the single writer for 14 minutes).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../server/ingest/ingest.ts';
import { HEADER } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
let dir: string;
beforeAll(async () => {
  wall = await openTestWall();
  dir = mkdtempSync(join(tmpdir(), 'blank-lines-'));
});
afterAll(async () => {
  await wall.close();
  rmSync(dir, { recursive: true, force: true });
});

const meta = (fileName: string) => ({ channel: 'cli' as const, submittedBy: 'test', fileName, source: null, demo: false, acceptPartial: false });

describe('a CSV with blank lines between its rows', () => {
  it('names each refused row by the line a spreadsheet shows it on, and answers 100,000 of them in seconds', async () => {
    const lines = [HEADER];
    // Rows at lines 2, 4, 6 …, one blank line after each; two blank lines before the last.
    for (let i = 0; i < 100_000; i++) lines.push(`telehealth_consultations,X${i},,2024-01,,,1,,`, '');
    lines.push('', 'telehealth_consultations,LAST,,2024-01,,,1,,');
    const path = join(dir, 'blanks.csv');
    writeFileSync(path, lines.join('\n'));
    const started = performance.now();
    const report = await ingestFile(wall.store, wall.pack, { fileName: 'blanks.csv', path }, meta('blanks.csv'));
    const seconds = (performance.now() - started) / 1000;
    expect(report.status).toBe('rejected');
    expect(report.rejections.slice(0, 3).map((r) => [r.row, r.code])).toEqual([[2, 'unknown_unit'], [4, 'unknown_unit'], [6, 'unknown_unit']]);
    const [last] = await wall.store.query<{ row_number: number }>(
      "SELECT r.row_number FROM rejected_rows r WHERE r.unit = 'LAST'",
    );
    expect(last?.row_number).toBe(lines.length);
    // Quadratic, this took minutes; linear, about a second here.
    expect(seconds).toBeLessThan(15);
  }, 60_000);
});
