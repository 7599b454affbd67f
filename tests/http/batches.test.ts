import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const upload = (file: string, body: BodyInit, query = '') =>
  fetch(`${server.url}/api/batches?file=${encodeURIComponent(file)}${query}`, { method: 'POST', body, headers: server.editor });

async function xlsx(rows: (string | number | { formula: string })[][]): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('figures');
  sheet.addRow(HEADER.split(','));
  for (const row of rows) sheet.addRow(row);
  return new Blob([await workbook.xlsx.writeBuffer()]);
}

describe('POST /api/batches', () => {
  it('lands a CSV upload (201) and counts its rows', async () => {
    const res = await upload('telehealth.csv', `${HEADER}\ntelehealth_consultations,22795,,2025-08,,,41,,\n`);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'committed', rowsAccepted: 1, fileName: 'telehealth.csv' });
  });

  it('refuses a file with a bad row (422), explaining each fault in Vietnamese and English', async () => {
    const res = await upload('bad.csv', `${HEADER}\ntelehealth_consultations,22795,,2025-08,,,-4,,\n`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { id: number; rejections: { row: number; message: { vi: string; en: string } }[] };
    expect(body.rejections[0]).toMatchObject({ row: 2, column: 'value', code: 'negative', message: { vi: 'Giá trị âm: -4; số liệu y tế không âm', en: 'Negative value: -4; health figures are not negative' } });

    const stored = await (await fetch(`${server.url}/api/batches/${body.id}`)).json();
    expect(stored).toMatchObject({ id: body.id, status: 'rejected', rows_rejected: 1, rejections: [{ row: 2, code: 'negative' }] });
  });

  it('reads an XLSX upload by cell values, and rejects a formula cell instead of evaluating it', async () => {
    const good = await upload('figures.xlsx', await xlsx([['telehealth_consultations', '22801', '', '2025-08', '', '', 17, '', '']]));
    expect(good.status).toBe(201);
    const bad = await upload(
      'formula.xlsx',
      await xlsx([['telehealth_consultations', '22801', '', '2025-09', '', '', { formula: 'cmd|"/C calc"!A0' }, '', '']]),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).rejections).toContainEqual(expect.objectContaining({ row: 2, column: 'value', code: 'formula_cell' }));
  });

  it('reads a JSON upload, an array of rows with numbers or strings', async () => {
    const rows = [{ indicator: 'ehr_coverage', unit: '22801', period: '2025-08', numerator: 9000, denominator: 9500 }];
    const res = await upload('figures.json', JSON.stringify(rows));
    expect(res.status).toBe(201);
  });

  it('asks for a file name it can read, and for a body', async () => {
    expect((await upload('figures.txt', 'x')).status).toBe(400);
    expect((await upload('figures.csv', '')).status).toBe(400);
  });

  it('lists batches, newest first, and answers 404 for a batch that does not exist', async () => {
    const list = (await (await fetch(`${server.url}/api/batches`)).json()) as { id: number }[];
    expect(list[0]!.id).toBeGreaterThan(list.at(-1)!.id);
    expect((await fetch(`${server.url}/api/batches/99999`)).status).toBe(404);
  });
});
