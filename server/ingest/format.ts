/** The columns of an input file, in the order the README documents them. */
export const COLUMNS = [
  'indicator',
  'unit',
  'facility',
  'period',
  'numerator',
  'denominator',
  'value',
  'subgroup',
  'source',
  /** The day the reporter submitted the figure (in its source system); the day it arrived here when absent. */
  'reported_on',
  /** `%` on a percentage's rate of 1 or less sent without counts: it is 0.55 %, not the fraction 0.55 (refused without it). */
  'rate_unit',
] as const;
export type Column = (typeof COLUMNS)[number];

export const REQUIRED_COLUMNS: Column[] = ['indicator', 'period'];

/** Our rows as CSV, XLSX or JSON; a CSV or JSON may also be a DHIS2 dataValueSet (by its content), and XML is ADX. */
export type InputFormat = 'csv' | 'xlsx' | 'json' | 'xml';

export function formatOf(fileName: string): InputFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' || ext === 'json' || ext === 'xml' ? ext : null;
}

/**
 * What an XLSX may inflate to: each part (a sheet, the shared strings) at most 256 MiB, a sheet
 * at most 500,000 rows of figures and 100 columns. Past them the file is refused, naming the cap;
 * larger loads go as CSV.
 */
export const XLSX_CAPS = { maxPartBytes: 256 * 1024 * 1024, maxRows: 500_000, maxColumns: 100 };
