/**
 * Reads the cells of an XLSX workbook as the spreadsheet shows them, streaming, within caps: each
 * part inflates to at most `maxPartBytes`, a sheet has at most `maxRows` rows and `maxColumns`
 * columns (its declared used range is checked before any row is read). Cell values only: a
 * formula is reported as such, never evaluated.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { builtInFormat, formatMeaning, numberCellText, serialToDay, type DateGrain } from './number-format.ts';
import { readDirectory, streamEntry, ZipFault, type ZipEntry } from './zip.ts';

export interface XlsxCaps {
  maxPartBytes: number;
  maxRows: number;
  maxColumns: number;
}

export type XCell =
  | { kind: 'text'; text: string }
  /**
   * A number as shown: percentages already moved two places (0.4604 → "46.04"), with the number the
   * cell holds ("0.4604") in `percentOf`, so a count in a percent cell can be refused, not read ×100.
   */
  | { kind: 'number'; text: string; percentOf?: string }
  /** A date cell: its day, and the grain its format shows (null: a time, or no clear grain). */
  | { kind: 'date'; day: string; grain: DateGrain | null; format: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; text: string };

export interface XRow {
  /** The spreadsheet row number (1-based). */
  number: number;
  /** By column index (0 = A); missing cells are undefined. */
  cells: (XCell | undefined)[];
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  entry: ZipEntry;
}

export class XlsxFault extends Error {
  constructor(
    readonly code: 'xlsx_too_many_rows' | 'xlsx_too_many_columns',
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** Rows a sheet may hold above its figures: the header and the titles over it. */
const HEADROOM = 21;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses a part's XML as it streams, calling `on` per open/close tag and text; `on` returns false to stop. */
async function parsePart(
  zip: Buffer,
  entry: ZipEntry,
  caps: XlsxCaps,
  handlers: { open?(tag: SaxesTagPlain, name: string): void; close?(name: string): void; text?(text: string): void },
  keepGoing: () => boolean = () => true,
): Promise<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= new ZipFault('file_unreadable', `${entry.name}: ${err.message.split('\n')[0]}`);
  });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(tag as SaxesTagPlain, localName(tag.name)));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new StringDecoder('utf8');
  let stopped = false;
  await streamEntry(zip, entry, caps.maxPartBytes, (chunk) => {
    parser.write(decoder.write(chunk));
    if (failure) throw failure;
    stopped = !keepGoing();
    return !stopped;
  });
  if (!stopped) {
    parser.write(decoder.end());
    parser.close();
  }
  if (failure) throw failure;
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  for (const [k, v] of Object.entries(tag.attributes)) if (localName(k) === name) return v;
  return undefined;
};

/** "AB12" → column index 27 (0-based), row 12. */
export function cellRef(ref: string): { column: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(m[2]) };
}

/** Column index 27 (0-based) → "AB", as the spreadsheet names it. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export class Workbook {
  private constructor(
    private readonly zip: Buffer,
    private readonly caps: XlsxCaps,
    readonly sheets: SheetInfo[],
    private readonly strings: string[],
    private readonly styleFormats: (string | undefined)[],
    private readonly date1904: boolean,
  ) {}

  static async open(zip: Buffer, caps: XlsxCaps): Promise<Workbook> {
    const entries = readDirectory(zip);
    const part = (name: string) => entries.get(name) ?? entries.get(`/${name}`);
    const book = part('xl/workbook.xml');
    if (!book) throw new ZipFault('file_unreadable', 'not an XLSX workbook (no xl/workbook.xml)');

    const targets = new Map<string, string>();
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels)
      await parsePart(zip, rels, caps, {
        open(tag, name) {
          if (name === 'Relationship' && /\/worksheet$/.test(attr(tag, 'Type') ?? '')) targets.set(attr(tag, 'Id')!, attr(tag, 'Target')!);
        },
      });
    const sheets: SheetInfo[] = [];
    let date1904 = false;
    await parsePart(zip, book, caps, {
      open(tag, name) {
        if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
        if (name !== 'sheet') return;
        const target = targets.get(attr(tag, 'id') ?? '');
        if (!target) return;
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        const entry = part(path);
        if (entry) sheets.push({ name: attr(tag, 'name') ?? path, hidden: (attr(tag, 'state') ?? 'visible') !== 'visible', entry });
      },
    });

    const strings: string[] = [];
    const shared = part('xl/sharedStrings.xml');
    if (shared) {
      let current: string[] | null = null;
      let inText = false;
      let phonetic = 0;
      await parsePart(zip, shared, caps, {
        open: (_tag, name) => {
          if (name === 'si') current = [];
          else if (name === 'rPh') phonetic++;
          else if (name === 't') inText = phonetic === 0;
        },
        close: (name) => {
          if (name === 'si') strings.push(current!.join(''));
          else if (name === 'rPh') phonetic--;
          else if (name === 't') inText = false;
        },
        text: (text) => {
          if (inText && current) current.push(text);
        },
      });
    }

    const formats = new Map<number, string>();
    const styleFormats: (string | undefined)[] = [];
    const styles = part('xl/styles.xml');
    if (styles) {
      let inCellXfs = false;
      const ids: number[] = [];
      await parsePart(zip, styles, caps, {
        open: (tag, name) => {
          if (name === 'numFmt') formats.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
          else if (name === 'cellXfs') inCellXfs = true;
          else if (name === 'xf' && inCellXfs) ids.push(Number(attr(tag, 'numFmtId') ?? 0));
        },
        close: (name) => {
          if (name === 'cellXfs') inCellXfs = false;
        },
      });
      for (const id of ids) styleFormats.push(formats.get(id) ?? builtInFormat(id));
    }
    return new Workbook(zip, caps, sheets, strings, styleFormats, date1904);
  }

  /**
   * Streams the rows of a sheet that hold a value, in order, to `onRow` (which returns false to
   * stop reading: to look for a header without reading the whole sheet), and gives its merged ranges.
   */
  async readSheet(sheet: SheetInfo, onRow: (row: XRow) => boolean): Promise<{ merges: string[] }> {
    const { caps, strings, styleFormats, date1904 } = this;
    let rowsSeen = 0;
    let wantMore = true;
    const merges: string[] = [];
    let row: XRow | null = null;
    let rowNumber = 0;
    let column = -1;
    let cell: { type: string; style: number; value: string[]; formula: string[] | null; inline: string[] | null } | null = null;
    let collecting: string[] | null = null;
    let phonetic = 0;

    const finishCell = () => {
      const c = cell!;
      cell = null;
      let value: XCell | undefined;
      const raw = c.value.join('');
      if (c.formula !== null) value = { kind: 'formula', formula: c.formula.join('') };
      else if (c.type === 'inlineStr') value = c.inline && c.inline.join('') !== '' ? { kind: 'text', text: c.inline.join('') } : undefined;
      else if (raw === '') value = undefined;
      else if (c.type === 's') value = { kind: 'text', text: strings[Number(raw)] ?? '' };
      else if (c.type === 'str') value = { kind: 'text', text: raw };
      else if (c.type === 'e') value = { kind: 'error', text: raw };
      else if (c.type === 'b') value = { kind: 'text', text: raw === '1' ? 'TRUE' : 'FALSE' };
      else if (c.type === 'd') value = { kind: 'date', day: raw.slice(0, 10), grain: 'day', format: 'ISO 8601' };
      else {
        const meaning = formatMeaning(styleFormats[c.style]);
        value =
          meaning.kind === 'date'
            ? { kind: 'date', day: serialToDay(Number(raw), date1904), grain: meaning.grain, format: meaning.code }
            : meaning.kind === 'percent'
              ? { kind: 'number', text: numberCellText(raw, true), percentOf: numberCellText(raw, false) }
              : { kind: 'number', text: numberCellText(raw, false) };
      }
      if (value === undefined || (value.kind === 'text' && value.text.trim() === '')) return;
      if (column >= caps.maxColumns) throw new XlsxFault('xlsx_too_many_columns', { sheet: sheet.name, max: caps.maxColumns, row: rowNumber });
      row!.cells[column] = value;
    };

    await parsePart(
      this.zip,
      sheet.entry,
      caps,
      {
        open: (tag, name) => {
          switch (name) {
            case 'dimension': {
              const [, last] = (attr(tag, 'ref') ?? '').split(':');
              const end = last ? cellRef(last) : null;
              if (end && end.row > caps.maxRows + HEADROOM) throw new XlsxFault('xlsx_too_many_rows', { sheet: sheet.name, max: caps.maxRows, declared: end.row });
              if (end && end.column >= caps.maxColumns) throw new XlsxFault('xlsx_too_many_columns', { sheet: sheet.name, max: caps.maxColumns, row: 1 });
              break;
            }
            case 'row':
              rowNumber = Number(attr(tag, 'r') ?? rowNumber + 1);
              row = { number: rowNumber, cells: [] };
              column = -1;
              break;
            case 'c': {
              const at = cellRef(attr(tag, 'r') ?? '');
              column = at ? at.column : column + 1;
              cell = { type: attr(tag, 't') ?? 'n', style: Number(attr(tag, 's') ?? 0), value: [], formula: null, inline: null };
              break;
            }
            case 'v':
              if (cell) collecting = cell.value;
              break;
            case 'f':
              if (cell) collecting = cell.formula = [];
              break;
            case 'is':
              if (cell) cell.inline = [];
              break;
            case 'rPh':
              phonetic++;
              break;
            case 't':
              if (cell?.inline && phonetic === 0) collecting = cell.inline;
              break;
            case 'mergeCell':
              merges.push(attr(tag, 'ref') ?? '');
              break;
          }
        },
        close: (name) => {
          if (name === 'v' || name === 'f' || name === 't') collecting = null;
          else if (name === 'rPh') phonetic--;
          else if (name === 'c' && cell) finishCell();
          else if (name === 'row' && row) {
            if (row.cells.length > 0 && wantMore) {
              if (++rowsSeen > caps.maxRows + HEADROOM) throw new XlsxFault('xlsx_too_many_rows', { sheet: sheet.name, max: caps.maxRows });
              wantMore = onRow(row);
            }
            row = null;
          }
        },
        text: (text) => {
          collecting?.push(text);
        },
      },
      () => wantMore,
    );
    return { merges };
  }
}
