/**
 * Puts an input file's rows into the temp table `stage` as trimmed strings, each with its
 * spreadsheet row number (the header is row 1), so one set of SQL checks serves every format.
 * Faults of the whole file (unreadable, unknown or missing columns) come back as rejections.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import type { Rejection } from '../../data/schema/rejection.ts';
import { COLUMNS, REQUIRED_COLUMNS, formatOf, type Column } from './format.ts';
import { rows } from '../store/store.ts';

export interface StagedFile {
  rowsTotal: number;
  rejections: Rejection[];
}

type Cell = string | null;

const fileFault = (code: Rejection['code'], value: string | null, params: Rejection['params'] = {}): Rejection => ({
  row: null,
  column: null,
  value,
  code,
  params,
});

async function createStage(connection: DuckDBConnection): Promise<void> {
  const columns = COLUMNS.map((c) => `"${c}" VARCHAR`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE stage (row_number INTEGER, ${columns})`);
}

/** Column faults of a header, or the header's columns in file order. */
function checkHeader(header: string[]): { columns: (Column | null)[]; rejections: Rejection[] } {
  const names = header.map((h) => h.trim().toLowerCase());
  const rejections: Rejection[] = [];
  const allowed = COLUMNS.join(', ');
  for (const name of names)
    if (!(COLUMNS as readonly string[]).includes(name) && name !== '') rejections.push(fileFault('unknown_column', name, { allowed }));
  for (const required of REQUIRED_COLUMNS) if (!names.includes(required)) rejections.push(fileFault('missing_column', required));
  return { columns: names.map((n) => ((COLUMNS as readonly string[]).includes(n) ? (n as Column) : null)), rejections };
}

async function appendRows(connection: DuckDBConnection, columns: (Column | null)[], data: Cell[][], firstRow: number) {
  const appender = await connection.createAppender('stage', 'main', 'temp');
  for (const [i, cells] of data.entries()) {
    appender.appendInteger(firstRow + i);
    for (const column of COLUMNS) {
      const at = columns.indexOf(column);
      const cell = at < 0 ? null : (cells[at] ?? null);
      const text = cell === null ? '' : cell.trim();
      if (text === '') appender.appendNull();
      else appender.appendVarchar(text);
    }
    appender.endRow();
  }
  appender.closeSync();
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function stageCsv(connection: DuckDBConnection, path: string): Promise<StagedFile> {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) return { rowsTotal: 0, rejections: [fileFault('not_utf8', null)] };
  const head = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '');
  const headerLine = head.split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '') return { rowsTotal: 0, rejections: [fileFault('file_empty', null)] };
  // Spreadsheets set to Vietnamese export with semicolons.
  const delimiter = !headerLine.includes(',') && headerLine.includes(';') ? ';' : ',';
  const source = `read_csv(${sqlString(path)}, header = true, all_varchar = true, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', auto_detect = false, columns = ${columnsStruct(headerLine, delimiter)})`;
  const { columns, rejections } = checkHeader(splitHeader(headerLine, delimiter));
  if (rejections.length > 0) return { rowsTotal: 0, rejections };
  const select = COLUMNS.map((c) => {
    const at = columns.indexOf(c);
    return at < 0 ? 'NULL' : `NULLIF(trim(c${at}), '')`;
  });
  await connection.run(`INSERT INTO stage SELECT (row_number() OVER () + 1)::INTEGER, ${select.join(', ')} FROM ${source}`);
  return { rowsTotal: await countStage(connection), rejections: [] };
}

function splitHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((h) => h.replace(/^"(.*)"$/, '$1'));
}

/** Positional column names c0, c1 … so that any header text is safe in SQL. */
function columnsStruct(headerLine: string, delimiter: string): string {
  const count = splitHeader(headerLine, delimiter).length;
  return `{${Array.from({ length: count }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
}

async function stageXlsx(connection: DuckDBConnection, bytes: Buffer): Promise<StagedFile> {
  const workbook = new ExcelJS.Workbook();
  // Only cell values are read; formulas are never evaluated (a formula cell is rejected).
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rowsTotal: 0, rejections: [fileFault('file_empty', null)] };
  const header = ((sheet.getRow(1).values as unknown[]) ?? []).slice(1).map((v) => String(v ?? ''));
  const { columns, rejections } = checkHeader(header);
  if (rejections.length > 0) return { rowsTotal: 0, rejections };
  const data: Cell[][] = [];
  const cellFaults: Rejection[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Cell[] = columns.map((column, i) => {
      const cell = row.getCell(i + 1);
      if (cell.formula || cell.type === ExcelJS.ValueType.Formula) {
        cellFaults.push({ row: r, column, value: `=${cell.formula ?? ''}`, code: 'formula_cell', params: {} });
        return null;
      }
      const v = cell.value;
      if (v === null || v === undefined) return null;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
      return String(v);
    });
    data.push(cells);
  }
  await appendRows(connection, columns, data, 2);
  return { rowsTotal: data.length, rejections: cellFaults };
}

async function stageJson(connection: DuckDBConnection, bytes: Buffer): Promise<StagedFile> {
  if (!isUtf8(bytes)) return { rowsTotal: 0, rejections: [fileFault('not_utf8', null)] };
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    return { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail: (err as Error).message })] };
  }
  const list = Array.isArray(document) ? document : (document as { rows?: unknown })?.rows;
  if (!Array.isArray(list) || list.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    return {
      rowsTotal: 0,
      rejections: [fileFault('file_unreadable', null, { detail: 'expected an array of row objects, or {"rows": [...]}' })],
    };
  const keys = [...new Set(list.flatMap((r) => Object.keys(r as object)))];
  const { columns, rejections } = checkHeader(keys);
  if (rejections.length > 0) return { rowsTotal: 0, rejections };
  const data = list.map((r) =>
    keys.map((k) => {
      const v = (r as Record<string, unknown>)[k];
      return v === null || v === undefined ? null : String(v);
    }),
  );
  // JSON rows are numbered as if row 1 were a header, like the other formats.
  await appendRows(connection, columns, data, 2);
  return { rowsTotal: data.length, rejections: [] };
}

async function countStage(connection: DuckDBConnection): Promise<number> {
  const [r] = await rows<{ n: number }>(connection, 'SELECT count(*)::INTEGER AS n FROM stage');
  return r!.n;
}

export interface InputFile {
  fileName: string;
  /** A file on disk (CLI, generator) … */
  path?: string;
  /** … or its bytes (upload). CSV bytes are written to `path` by the caller first. */
  bytes?: Buffer;
}

export async function stageFile(connection: DuckDBConnection, input: InputFile): Promise<StagedFile> {
  await createStage(connection);
  const format = formatOf(input.fileName);
  const bytes = () => input.bytes ?? readFileSync(input.path!);
  try {
    const staged =
      format === 'csv'
        ? await stageCsv(connection, input.path!)
        : format === 'xlsx'
          ? await stageXlsx(connection, bytes())
          : format === 'json'
            ? await stageJson(connection, bytes())
            : { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail: 'use a .csv, .xlsx or .json file' })] };
    if (staged.rejections.length === 0 && staged.rowsTotal === 0) staged.rejections.push(fileFault('file_empty', null));
    return staged;
  } catch (err) {
    return { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail: (err as Error).message.split('\n')[0]! })] };
  }
}
