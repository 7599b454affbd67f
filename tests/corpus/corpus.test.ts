import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupAnswer } from '../../data/schema/view.ts';
import { factCount, HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { buildWorkbook, WORKBOOKS, type Expected } from './workbooks.ts';

const dir = new URL('files/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(new URL('expected.json', import.meta.url), 'utf8')) as Record<string, Expected>;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function upload(name: string, body: Buffer, query = '') {
  const res = await fetch(`${server.url}/api/batches?file=${encodeURIComponent(name)}${query ? `&${query}` : ''}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: server.editor,
  });
  const report = (await res.json()) as { id?: number; rejections?: { row: number | null; column: string | null; code: string; message: { vi: string; en: string } }[] };
  return { status: res.status, codes: [...new Set((report.rejections ?? []).map((r) => r.code))], report };
}

/** Uploads a file and checks everything its expected outcome says, and that nothing else landed. */
async function check(name: string, body: Buffer, want: Expected, query?: string) {
  const before = await factCount(server.wall);
  const { status, codes, report } = await upload(name, body, query);
  expect({ status, codes: codes.sort() }).toEqual({ status: want.status, codes: [...want.codes].sort() });
  // Every rejection explains itself in Vietnamese and English.
  for (const r of report.rejections ?? []) {
    expect(r.message.vi.length).toBeGreaterThan(5);
    expect(r.message.vi).not.toMatch(/\{\w+\}/);
    expect(r.message.en).not.toMatch(/\{\w+\}/);
  }
  if (want.rows) expect([...new Set(report.rejections!.map((r) => r.row))]).toEqual(want.rows);
  if (want.columns) expect([...new Set(report.rejections!.map((r) => r.column))]).toEqual(want.columns);
  const landed = want.facts?.length ?? (status === 201 ? 1 : 0);
  expect(await factCount(server.wall)).toBe(before + landed);
  if (want.facts) {
    const stored = await server.wall.store.query(
      // Figures of one period in the order: counted, then totals kept as checks; each by its counts.
      `SELECT grain::VARCHAR AS grain, period_start::VARCHAR AS period_start, value, numerator, denominator, is_check
       FROM facts WHERE batch_id = $1 ORDER BY period_start, grain, is_check, numerator, value`,
      [report.id!],
    );
    expect(stored).toEqual(want.facts.map((f) => expect.objectContaining(f)));
  }
  // What the wall then shows: a total and its parts are counted once.
  for (const r of want.rollups ?? []) {
    const res = await fetch(`${server.url}/api/rollup?${r.query}`);
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as RollupAnswer;
    const { query: _query, entity, period_start, ...figure } = r;
    expect(rows.find((row) => row.entity.code === entity && row.period.start === period_start), r.query).toMatchObject(figure);
  }
}

async function xlsx(rows: (string | number | { formula: string })[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('figures');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the bad-input corpus', () => {
  it('has an expected outcome for every file, and a file for every outcome', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected).sort())('%s', async (name) => {
    await check(name, readFileSync(join(dir, name)), expected[name]!);
  });

  it.each(WORKBOOKS.map((w) => [w.name, w] as const))('%s', async (name, spec) => {
    await check(name, await buildWorkbook(spec), spec, spec.query);
  });

  it('refuses 10 MB of random bytes and 10 MB of random text without landing anything', async () => {
    const before = await factCount(server.wall);
    expect((await upload('garbage.csv', randomBytes(10 * 1024 * 1024))).codes).toEqual(['not_utf8']);
    const text = Buffer.from(randomBytes(7.5 * 1024 * 1024).toString('base64'));
    expect((await upload('garbage-text.csv', text)).status).toBe(422);
    expect(await factCount(server.wall)).toBe(before);
  });

  it('never evaluates an XLSX formula, and refuses a truncated XLSX', async () => {
    const header = HEADER.split(',');
    const withFormula = await xlsx([header, ['telehealth_consultations', '22738', '', '2025-08', '', '', { formula: 'cmd|\' /C calc\'!A0' }, '', '']]);
    const before = await factCount(server.wall);
    // The formula is refused (its cell then also counts as a missing value), never run.
    expect((await upload('formula.xlsx', withFormula)).codes).toContain('formula_cell');
    expect(await factCount(server.wall)).toBe(before);
    const good = await xlsx([header, ['telehealth_consultations', '22738', '', '2025-08', '', '', 5, '', '']]);
    expect((await upload('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)))).codes).toEqual(['file_unreadable']);
  });

  it('leaves the server serving the wall after all of it', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/rollup?indicators=telehealth_consultations&level=area&grain=half&from=2024-H1&to=2024-H1`)).status).toBe(200);
  });
});
