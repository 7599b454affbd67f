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
] as const;
export type Column = (typeof COLUMNS)[number];

export const REQUIRED_COLUMNS: Column[] = ['indicator', 'period'];

export type InputFormat = 'csv' | 'xlsx' | 'json';

export function formatOf(fileName: string): InputFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' || ext === 'json' ? ext : null;
}
