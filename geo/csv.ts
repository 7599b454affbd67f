/** CSV as the geo build reads and writes it: UTF-8 NFC, a header row, rows with their line numbers. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Rows of a CSV file with their line numbers (for messages), text as written (NFC). */
export function readCsv<T>(path: string): (T & { line: number })[] {
  const records = parse(readFileSync(path, 'utf8').normalize('NFC'), { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as {
    record: T;
    info: { lines: number };
  }[];
  return records.map((r) => ({ ...r.record, line: r.info.lines }));
}

/** One CSV line, quoting the cells that need it. */
export function csvLine(cells: string[]): string {
  return cells.map((s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(',');
}
