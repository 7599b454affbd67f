/**
 * Puts an input file's rows into the temp table `stage` as trimmed strings, each with its
 * spreadsheet row number, so one set of SQL checks serves every format. The header is the first
 * row (of the first 20) that names the required columns: title rows and banners above it are
 * skipped, and rows are numbered as the spreadsheet numbers them. Empty rows are skipped. Faults
 * of the whole file, and of single cells that cannot be read as they show, come back as rejections.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Rejection } from '../../data/schema/rejection.ts';
import { COLUMNS, REQUIRED_COLUMNS, XLSX_CAPS, formatOf, type Column } from './format.ts';
import { rows } from '../store/store.ts';
import { Workbook, XlsxFault, cellRef, columnLetters, type SheetInfo, type XCell, type XRow } from './xlsx/read-xlsx.ts';
import { numbersAsText } from './json-numbers.ts';
import { ZipFault } from './xlsx/zip.ts';
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import type { Notation } from '../exchange/figures-of.ts';
import { ADX_NOTATION, readAdx } from '../exchange/read-adx.ts';
import { DHIS2_NOTATION, isDataValueSet, isDhis2Csv, readDhis2Csv, readDhis2Json, type Read } from '../exchange/read-dhis2.ts';
import { stageExchange } from '../exchange/stage-exchange.ts';

export interface StagedFile {
  rowsTotal: number;
  rejections: Rejection[];
}

type Cell = string | null;

/** How many rows from the top may stand above the header (titles, banners, notes). */
export const HEADER_SEARCH_ROWS = 20;

const fileFault = (code: Rejection['code'], value: string | null, params: Rejection['params'] = {}): Rejection => ({
  row: null,
  column: null,
  value,
  code,
  params,
});

export async function createStage(connection: DuckDBConnection): Promise<void> {
  const columns = COLUMNS.map((c) => `"${c}" VARCHAR`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE stage (row_number INTEGER, ${columns})`);
  // Where a staged cell came from when the file is not in our format (DHIS2, ADX): its row and field there.
  await connection.run('CREATE OR REPLACE TEMP TABLE stage_origins (row_number INTEGER, column_name VARCHAR, source_row INTEGER, source_field VARCHAR)');
  // Figures read from percent-formatted XLSX cells: the cell, and the number it holds ("12" shown 1200%).
  // Validation refuses a count among them and takes a rate among them as a percentage.
  await connection.run('CREATE OR REPLACE TEMP TABLE stage_percent_cells (row_number INTEGER, column_name VARCHAR, cell VARCHAR, holds VARCHAR)');
}

const normalise = (name: string) => name.replace(/^\uFEFF/, '').trim().toLowerCase();
const isColumn = (name: string): name is Column => (COLUMNS as readonly string[]).includes(name);
const namesRequired = (names: string[]) => REQUIRED_COLUMNS.every((r) => names.map(normalise).includes(r));
const namesAny = (names: string[]) => names.some((n) => isColumn(normalise(n)));

/**
 * The header among the first rows: the first naming every required column, else the first naming
 * any known column (so its faults are reported), else none.
 */
function pickHeader(candidates: string[][]): number {
  const full = candidates.findIndex(namesRequired);
  return full >= 0 ? full : candidates.findIndex(namesAny);
}

/** Column faults of a header, or the header's columns in file order. */
function checkHeader(header: string[]): { columns: (Column | null)[]; rejections: Rejection[] } {
  const names = header.map(normalise);
  const rejections: Rejection[] = [];
  const allowed = COLUMNS.join(', ');
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (!isColumn(name)) rejections.push(fileFault('unknown_column', name, { allowed }));
    else if (seen.has(name)) rejections.push(fileFault('duplicate_column', name));
    seen.add(name);
  }
  for (const required of REQUIRED_COLUMNS) if (!names.includes(required)) rejections.push(fileFault('missing_column', required));
  return { columns: names.map((n) => (isColumn(n) ? n : null)), rejections };
}

const headerNotFound = () =>
  fileFault('header_not_found', null, { rows: HEADER_SEARCH_ROWS, required: REQUIRED_COLUMNS.join(', '), allowed: COLUMNS.join(', ') });

// ---------------------------------------------------------------- CSV

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function splitLine(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}
// Spreadsheets set to Vietnamese export with semicolons.
const delimiterOf = (line: string) => (!line.includes(',') && line.includes(';') ? ';' : ',');

/**
 * Blank lines, which DuckDB's reader skips, as the number of records read before each one, so
 * records can be given the row numbers a spreadsheet shows. Only scanned when the file has one.
 */
function blankLines(bytes: Buffer, skipLines: number): number[] {
  const NL = 10;
  const CR = 13;
  const QUOTE = 34;
  const blanks: number[] = [];
  let records = 0;
  let line = 0;
  let empty = true;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) quoted = !quoted;
    if (b === NL && !quoted) {
      // Lines above the header and the header itself are not records.
      if (line > skipLines) {
        if (empty) blanks.push(records);
        else records++;
      }
      line++;
      empty = true;
    } else if (b !== CR) empty = false;
  }
  return blanks;
}

const hasBlankLine = (bytes: Buffer) => bytes.indexOf('\n\n') >= 0 || bytes.indexOf('\n\r\n') >= 0;

const CSV_FAULTS: Record<string, Rejection['code']> = {
  'TOO MANY COLUMNS': 'csv_too_many_columns',
  'UNQUOTED VALUE': 'csv_unterminated_quote',
  'LINE SIZE OVER MAXIMUM': 'csv_line_too_long',
};

async function stageCsv(connection: DuckDBConnection, path: string): Promise<StagedFile> {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) return { rowsTotal: 0, rejections: [fileFault('not_utf8', null)] };
  const head = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '');
  const lines = head.split(/\r?\n/, HEADER_SEARCH_ROWS);
  if (lines.every((l) => l.trim() === '')) return { rowsTotal: 0, rejections: [fileFault('file_empty', null)] };
  const at = pickHeader(lines.map((l) => splitLine(l, delimiterOf(l))));
  if (at < 0) return { rowsTotal: 0, rejections: [headerNotFound()] };
  const headerLine = lines[at]!;
  const delimiter = delimiterOf(headerLine);
  const header = splitLine(headerLine, delimiter);
  const { columns, rejections } = checkHeader(header);
  if (rejections.length > 0) return { rowsTotal: 0, rejections };

  // Positional column names c0, c1 … so that any header text is safe in SQL.
  const struct = `{${header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const source = `read_csv(${sqlString(path)}, skip = ${at}, header = true, all_varchar = true, delim = ${sqlString(delimiter)},
    quote = '"', escape = '"', auto_detect = false, columns = ${struct}, null_padding = true,
    store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_rejects_scan')`;
  await connection.run('DROP TABLE IF EXISTS csv_rejects; DROP TABLE IF EXISTS csv_rejects_scan');
  const cells = COLUMNS.map((c) => {
    const i = columns.indexOf(c);
    return i < 0 ? 'NULL' : `NULLIF(trim(c${i}), '')`;
  });
  // Records are numbered as rows below the header, plus the blank lines before each.
  const blanks = hasBlankLine(bytes) ? blankLines(bytes, at) : [];
  await connection.run('CREATE OR REPLACE TEMP TABLE csv_blanks (after INTEGER)');
  if (blanks.length > 0) {
    const appender = await connection.createAppender('csv_blanks', 'main', 'temp');
    for (const b of blanks) {
      appender.appendInteger(b);
      appender.endRow();
    }
    appender.closeSync();
  }
  const records = `SELECT row_number() OVER () AS record, ${cells.map((c, i) => `${c} AS ${COLUMNS[i]}`).join(', ')} FROM ${source}`;
  if (blanks.length === 0) await connection.run(`INSERT INTO stage SELECT (r.record + ${at + 1})::INTEGER, r.* EXCLUDE (record) FROM (${records}) r`);
  else {
    // Each record moves down by the blank lines before it: the last blank before it says how many, by
    // an ASOF join over the records read first (a count per record, and an ASOF join over the reader
    // itself, were quadratic: 15 minutes for 300,000 rows each after a blank line).
    await connection.run('CREATE OR REPLACE TEMP TABLE csv_shift AS SELECT DISTINCT after, (count(*) OVER (ORDER BY after))::INTEGER AS n FROM csv_blanks');
    await connection.run(`CREATE OR REPLACE TEMP TABLE csv_records AS ${records}`);
    await connection.run(
      `INSERT INTO stage SELECT (r.record + ${at + 1} + COALESCE(s.n, 0))::INTEGER, r.* EXCLUDE (record)
       FROM csv_records r ASOF LEFT JOIN csv_shift s ON r.record > s.after`,
    );
    await connection.run('DROP TABLE csv_records');
  }
  // Rows of empty cells (",,,,," below the figures, as spreadsheets export them) are no rows.
  // Deleted afterwards: a filter in the insert above halves DuckDB's read speed.
  await connection.run(`DELETE FROM stage WHERE ${COLUMNS.map((c) => `${c} IS NULL`).join(' AND ')}`);
  const faults = await rows<{ line: number; error_type: string; error_message: string }>(
    connection,
    'SELECT line::INTEGER AS line, error_type::VARCHAR AS error_type, error_message FROM csv_rejects ORDER BY line LIMIT 1000',
  );
  const lineFaults = faults.map(
    (f): Rejection => ({
      row: f.line,
      column: null,
      value: null,
      code: CSV_FAULTS[f.error_type] ?? 'csv_bad_line',
      params: { expected: header.length, found: Number(/Found: (\d+)/.exec(f.error_message)?.[1] ?? 0), detail: f.error_message },
    }),
  );
  // A line split by the other delimiter lands whole in the first column, the rest empty.
  const first = columns[0];
  const other = delimiter === ',' ? ';' : ',';
  const otherDelimiter = first
    ? await rows<{ row_number: number }>(
        connection,
        `SELECT row_number FROM stage WHERE strpos(${first}, ${sqlString(other)}) > 0
           AND ${COLUMNS.filter((c) => c !== first).map((c) => `${c} IS NULL`).join(' AND ')}`,
      )
    : [];
  for (const r of otherDelimiter)
    lineFaults.push({ row: r.row_number, column: null, value: other, code: 'csv_other_delimiter', params: { delimiter } });
  return { rowsTotal: (await countStage(connection)) + faults.length, rejections: lineFaults };
}

// ---------------------------------------------------------------- XLSX

/** A cell as the spreadsheet shows it, as text for its column, or why it cannot be read so. */
function cellText(cell: XCell | undefined, column: Column): { text: Cell } | { fault: Omit<Rejection, 'row' | 'column'> } {
  if (!cell) return { text: null };
  const fault = (code: Rejection['code'], value: string, params: Rejection['params'] = {}) => ({ fault: { code, value, params } });
  switch (cell.kind) {
    case 'text':
    case 'number':
      return { text: cell.text };
    case 'formula':
      return fault('formula_cell', `=${cell.formula}`);
    case 'error':
      return fault('error_cell', cell.text);
    case 'date':
      if (column === 'period') {
        if (cell.grain === null) return fault('date_cell_unclear', cell.day, { format: cell.format });
        return { text: cell.grain === 'day' ? cell.day : cell.grain === 'month' ? cell.day.slice(0, 7) : cell.day.slice(0, 4) };
      }
      if (column === 'reported_on') return cell.grain === 'day' ? { text: cell.day } : fault('date_cell_not_a_day', cell.day, { format: cell.format });
      return fault('date_cell', cell.day);
  }
}

/** The columns holding numbers, whose percent-formatted cells are noted for validation. */
const FIGURE_COLUMNS: Column[] = ['numerator', 'denominator', 'value'];

const rowTexts = (row: XRow) => Array.from({ length: row.cells.length }, (_, i) => {
  const c = row.cells[i];
  return c?.kind === 'text' || c?.kind === 'number' ? c.text : '';
});

/** Merged ranges that reach the header or the rows below it (a banner above is fine). */
function mergesFrom(merges: string[], headerRow: number): string[] {
  return merges.filter((ref) => {
    const [a, b] = ref.split(':').map(cellRef);
    return a && b && Math.max(a.row, b.row) >= headerRow;
  });
}

/** The first rows of a sheet, where its header is looked for. */
async function firstRows(book: Workbook, sheet: SheetInfo): Promise<XRow[]> {
  const first: XRow[] = [];
  await book.readSheet(sheet, (row) => first.push(row) < HEADER_SEARCH_ROWS);
  return first;
}

/**
 * The sheet to read: the one named, else the one sheet whose header names the required columns
 * (a workbook with figures on several is refused, naming them), else the first.
 */
async function chooseSheet(book: Workbook, wanted: string | undefined): Promise<{ sheet: SheetInfo; first: XRow[] } | { fault: Rejection }> {
  if (wanted !== undefined) {
    const sheet = book.sheets.find((s) => s.name === wanted) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!sheet) return { fault: fileFault('sheet_not_found', wanted, { sheets: book.sheets.map((s) => s.name).join(', ') }) };
    return { sheet, first: await firstRows(book, sheet) };
  }
  const read = [];
  for (const sheet of book.sheets) read.push({ sheet, first: await firstRows(book, sheet) });
  const withFigures = read.filter((r) => r.first.map(rowTexts).some(namesRequired));
  if (withFigures.length > 1) return { fault: fileFault('several_sheets', null, { sheets: withFigures.map((r) => r.sheet.name).join(', ') }) };
  const chosen = withFigures[0] ?? read.find((r) => r.first.length > 0);
  return chosen ?? { fault: fileFault('file_empty', null) };
}

async function stageXlsx(connection: DuckDBConnection, bytes: Buffer, wantedSheet: string | undefined): Promise<StagedFile> {
  const book = await Workbook.open(bytes, XLSX_CAPS);
  const chosen = await chooseSheet(book, wantedSheet);
  if ('fault' in chosen) return { rowsTotal: 0, rejections: [chosen.fault] };
  const { sheet, first } = chosen;
  if (first.length === 0) return { rowsTotal: 0, rejections: [fileFault('file_empty', null)] };
  const at = pickHeader(first.map(rowTexts));
  if (at < 0) return { rowsTotal: 0, rejections: [headerNotFound()] };
  const headerRow = first[at]!.number;
  const { columns, rejections } = checkHeader(rowTexts(first[at]!));
  if (rejections.length > 0) return { rowsTotal: 0, rejections };

  const faults: Rejection[] = [];
  let staged = 0;
  const appender = await connection.createAppender('stage', 'main', 'temp');
  const percentCells = await connection.createAppender('stage_percent_cells', 'main', 'temp');
  try {
    const { merges } = await book.readSheet(sheet, (row) => {
      if (row.number <= headerRow) return true;
      appendRow(appender, row.number, (column) => {
        const at = columns.indexOf(column);
        const cell = row.cells[at];
        if (cell?.kind === 'number' && cell.percentOf !== undefined && FIGURE_COLUMNS.includes(column)) {
          percentCells.appendInteger(row.number);
          percentCells.appendVarchar(column);
          percentCells.appendVarchar(`${columnLetters(at)}${row.number}`);
          percentCells.appendVarchar(cell.percentOf);
          percentCells.endRow();
        }
        const read = cellText(cell, column);
        if ('text' in read) return read.text;
        faults.push({ row: row.number, column, ...read.fault });
        return null;
      }, columns);
      staged++;
      return true;
    });
    const merged = mergesFrom(merges, headerRow);
    if (merged.length > 0) {
      const onHeader = merged.filter((ref) => ref.split(':').some((c) => cellRef(c)?.row === headerRow));
      return {
        rowsTotal: staged,
        rejections: [
          onHeader.length > 0
            ? fileFault('merged_header', onHeader.slice(0, 5).join(', '), { row: headerRow })
            : fileFault('merged_cells', merged.slice(0, 5).join(', '), { count: merged.length }),
        ],
      };
    }
  } finally {
    appender.closeSync();
    percentCells.closeSync();
  }
  return { rowsTotal: staged, rejections: faults };
}

/** One stage row from a cell reader; columns the file lacks are null. */
export function appendRow(appender: DuckDBAppender, rowNumber: number, read: (column: Column) => Cell, present: (Column | null)[]): void {
  appender.appendInteger(rowNumber);
  for (const column of COLUMNS) {
    const cell = present.includes(column) ? read(column) : null;
    const text = cell === null ? '' : cell.trim();
    if (text === '') appender.appendNull();
    else appender.appendVarchar(text);
  }
  appender.endRow();
}

// ---------------------------------------------------------------- JSON

async function stageJson(connection: DuckDBConnection, bytes: Buffer, exchange: Exchange): Promise<StagedFile> {
  if (!isUtf8(bytes)) return { rowsTotal: 0, rejections: [fileFault('not_utf8', null)] };
  let document: unknown;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    // Numbers as written (1.000 stays "1.000", never 1), so they are judged like the same text in a CSV.
    document = JSON.parse(numbersAsText(text));
  } catch (err) {
    // The fault as the sender's own text has it (positions in the rewritten text would be off).
    let detail = (err as Error).message;
    try {
      JSON.parse(text);
    } catch (original) {
      detail = (original as Error).message;
    }
    return { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail })] };
  }
  if (isDataValueSet(document)) return stageExchange(connection, readDhis2Json(document as never), DHIS2_NOTATION, exchange.mapping, exchange.timezone);
  const list = Array.isArray(document) ? document : (document as { rows?: unknown })?.rows;
  if (!Array.isArray(list) || list.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    return {
      rowsTotal: 0,
      rejections: [fileFault('file_unreadable', null, { detail: 'expected an array of row objects, or {"rows": [...]}' })],
    };
  const keys = [...new Set(list.flatMap((r) => Object.keys(r as object)))];
  const { columns, rejections } = checkHeader(keys);
  if (rejections.length > 0) return { rowsTotal: 0, rejections };
  const appender = await connection.createAppender('stage', 'main', 'temp');
  // JSON rows are numbered as if row 1 were a header, like the other formats.
  list.forEach((r, i) =>
    appendRow(appender, i + 2, (column) => {
      const v = (r as Record<string, unknown>)[keys[columns.indexOf(column)]!];
      return v === null || v === undefined ? null : String(v);
    }, columns),
  );
  appender.closeSync();
  return { rowsTotal: list.length, rejections: [] };
}

async function countStage(connection: DuckDBConnection): Promise<number> {
  const [r] = await rows<{ n: number }>(connection, 'SELECT count(*)::INTEGER AS n FROM stage');
  return r!.n;
}

export interface InputFile {
  fileName: string;
  /** The pack's mapping of DHIS2 and ADX identifiers, for files in those formats. */
  mapping?: ExchangeMapping | null;
  /** A file on disk (CLI, generator) … */
  path?: string;
  /** … or its bytes (upload). CSV bytes are written to `path` by the caller first. */
  bytes?: Buffer;
  /** The sheet of a workbook to read, when it has figures on several. */
  sheet?: string;
}

/** How a DHIS2 or ADX file is read: the pack's mapping, and its time zone for the days values were stored. */
interface Exchange {
  mapping: ExchangeMapping | null | undefined;
  timezone: string;
}

/** A text file read whole (DHIS2 CSV, ADX); uploads are bounded by IOC_MAX_UPLOAD before this. */
function textOf(bytes: Buffer): { text: string } | { fault: Rejection } {
  return isUtf8(bytes) ? { text: bytes.toString('utf8') } : { fault: fileFault('not_utf8', null) };
}

async function stageText(connection: DuckDBConnection, bytes: Buffer, exchange: Exchange, read: (text: string) => Read, notation: Notation): Promise<StagedFile> {
  const text = textOf(bytes);
  return 'fault' in text ? { rowsTotal: 0, rejections: [text.fault] } : stageExchange(connection, read(text.text), notation, exchange.mapping, exchange.timezone);
}

/** A CSV whose header names DHIS2's columns is a DHIS2 dataValueSet (its first line is enough to tell). */
function isDhis2File(input: InputFile): boolean {
  let head = input.bytes?.subarray(0, 4096);
  if (!head) {
    const fd = openSync(input.path!, 'r');
    try {
      head = Buffer.alloc(4096);
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  }
  return isDhis2Csv(head.toString('utf8').split(/\r?\n/, 1)[0]!);
}

export async function stageFile(connection: DuckDBConnection, input: InputFile, timezone: string): Promise<StagedFile> {
  await createStage(connection);
  const format = formatOf(input.fileName);
  const bytes = () => input.bytes ?? readFileSync(input.path!);
  const exchange = { mapping: input.mapping, timezone };
  try {
    const staged =
      format === 'csv'
        ? isDhis2File(input)
          ? await stageText(connection, bytes(), exchange, readDhis2Csv, DHIS2_NOTATION)
          : await stageCsv(connection, input.path!)
        : format === 'xlsx'
          ? await stageXlsx(connection, bytes(), input.sheet)
          : format === 'json'
            ? await stageJson(connection, bytes(), exchange)
            : format === 'xml'
              ? await stageText(connection, bytes(), exchange, readAdx, ADX_NOTATION)
              : { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail: 'use a .csv, .xlsx, .json or .xml file' })] };
    if (staged.rejections.length === 0 && staged.rowsTotal === 0) staged.rejections.push(fileFault('file_empty', null));
    return staged;
  } catch (err) {
    if (err instanceof XlsxFault) return { rowsTotal: 0, rejections: [fileFault(err.code, null, err.params)] };
    if (err instanceof ZipFault)
      return {
        rowsTotal: 0,
        rejections: [
          err.code === 'inflated_too_large'
            ? fileFault('xlsx_inflated_too_large', null, { part: err.detail, max: XLSX_CAPS.maxPartBytes })
            : fileFault('file_unreadable', null, { detail: err.detail }),
        ],
      };
    return { rowsTotal: 0, rejections: [fileFault('file_unreadable', null, { detail: (err as Error).message.split('\n')[0]! })] };
  }
}
