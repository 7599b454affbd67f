/** The XLSX reader's caps hold before and while a sheet is read, whatever the file declares. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook, XlsxFault } from '../../server/ingest/xlsx/read-xlsx.ts';
import { ZipFault } from '../../server/ingest/xlsx/zip.ts';
import { storeFaultOf } from '../../server/store/store-faults.ts';
import { xlsxBomb } from '../abuse/attacks.ts';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const CAPS = { maxPartBytes: 64 * 1024 * 1024, maxRows: 100, maxColumns: 12 };

describe('the XLSX reader', () => {
  it('stops a part that inflates past its cap, counting the bytes as they come (the file declares nothing)', async () => {
    const bomb = await xlsxBomb(3);
    const book = await Workbook.open(bomb, { ...CAPS, maxPartBytes: 1024 * 1024, maxRows: 1e9 });
    let rows = 0;
    await expect(book.readSheet(book.sheets[0]!, () => ++rows > 0)).rejects.toMatchObject({ code: 'inflated_too_large' });
    expect(rows).toBeGreaterThan(1000);
    expect(bomb.length).toBeLessThan(100_000);
  });

  it('refuses a sheet whose declared used range passes the row or column cap before reading a row', async () => {
    const tall = await workbook([['indicator', 'period'], ...Array.from({ length: 200 }, () => ['x', '2025-01'])]);
    const book = await Workbook.open(tall, CAPS);
    let read = 0;
    await expect(book.readSheet(book.sheets[0]!, () => ++read > 0)).rejects.toEqual(new XlsxFault('xlsx_too_many_rows', { sheet: 'Sheet1', max: 100, declared: 201 }));
    expect(read).toBe(0);
    const wide = await workbook([Array.from({ length: 20 }, (_, i) => `c${i}`)]);
    const wideBook = await Workbook.open(wide, CAPS);
    await expect(wideBook.readSheet(wideBook.sheets[0]!, () => true)).rejects.toMatchObject({ code: 'xlsx_too_many_columns' });
  });

  it('counts rows as it reads when the sheet declares no range', async () => {
    const book = await Workbook.open(await xlsxBomb(1), { ...CAPS, maxRows: 500 });
    await expect(book.readSheet(book.sheets[0]!, () => true)).rejects.toMatchObject({ code: 'xlsx_too_many_rows' });
  });

  it('refuses a file that is not a ZIP, or a truncated one', async () => {
    await expect(Workbook.open(Buffer.from('indicator,period\n'), CAPS)).rejects.toBeInstanceOf(ZipFault);
    const good = await workbook([['indicator', 'period']]);
    await expect(Workbook.open(good.subarray(0, good.length - 30), CAPS)).rejects.toBeInstanceOf(ZipFault);
  });
});

describe('store faults', () => {
  it('tell an out-of-memory error (whose message says "block") from a held lock', () => {
    expect(storeFaultOf(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (381.3 MiB/381.4 MiB used)'))).toBe('out_of_memory');
    expect(storeFaultOf(new Error('IO Error: Could not set lock on file "/x.duckdb": Conflicting lock is held in /usr/bin/node'))).toBe('locked');
    expect(storeFaultOf(new Error('Binder Error: blocked column'))).toBeNull();
  });
});
