/**
 * DHIS2 dataValueSets as JSON ({"dataValues": [...]}, with the set's own dataSet, period, orgUnit
 * and attributeOptionCombo applying to every value) and as CSV (DHIS2's columns, named in its
 * short or long form). Rows are numbered as the sender sees them: a CSV's lines (the header is
 * line 1), a JSON value's position in dataValues (from 1). storedBy is read and not kept: it names
 * a person (Nghị định 13/2023), and the batch already records who sent the file.
 */
import { parse } from 'csv-parse/sync';
import type { Rejection } from '../../data/schema/rejection.ts';
import { readDhis2Period } from '../../data/schema/exchange-period.ts';
import type { DataValue, Notation } from './figures-of.ts';

/** The most data values a file may hold; larger loads go in several files. */
export const MAX_DATA_VALUES = 1_000_000;

export const DHIS2_NOTATION: Notation = { name: 'DHIS2', read: readDhis2Period, forms: '20240517, 2024W20, 202405, 2024Q2, 2024S1 hoặc/or 2024' };

/** The data values read, and the faults found reading: of the whole file (row null), or of values left out. */
export interface Read {
  values: DataValue[];
  faults: Rejection[];
}

export const fileFault = (code: Rejection['code'], params: Rejection['params'] = {}, value: string | null = null): Rejection => ({ row: null, column: null, value, code, params });
const refused = (...faults: Rejection[]): Read => ({ values: [], faults });

/** A JSON dataValueSet: an object with a dataValues list. */
export const isDataValueSet = (document: unknown): document is { dataValues: unknown } =>
  typeof document === 'object' && document !== null && !Array.isArray(document) && 'dataValues' in document;

const textOf = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v.trim() || null : String(v));

export function readDhis2Json(document: { dataValues: unknown } & Record<string, unknown>): Read {
  const list = document.dataValues;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'object' || v === null || Array.isArray(v)))
    return refused(fileFault('file_unreadable', { detail: 'dataValues must be a list of objects' }));
  if (list.length > MAX_DATA_VALUES) return refused(fileFault('exchange_too_many_values', { max: MAX_DATA_VALUES }));
  const faults: Rejection[] = [];
  const values: DataValue[] = [];
  (list as Record<string, unknown>[]).forEach((entry, i) => {
    const row = i + 1;
    const found = faults.length;
    // The set's own field applies to each value; a value that says otherwise is not guessed at.
    const field = (name: string): string | null => {
      const own = textOf(entry[name]);
      const header = textOf(document[name]);
      if (own !== null && header !== null && own !== header)
        faults.push({ row, column: name, value: own, code: 'exchange_conflicting_header', params: { field: name, header } });
      return own ?? header;
    };
    const value = entry.value;
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number')
      faults.push({ row, column: 'value', value: JSON.stringify(value), code: 'not_a_number', params: {} });
    const read: DataValue = {
      row,
      dataElement: field('dataElement'),
      period: field('period'),
      orgUnit: field('orgUnit'),
      categoryOptionCombo: field('categoryOptionCombo'),
      attributeOptionCombo: field('attributeOptionCombo'),
      disaggregation: null,
      value: typeof value === 'string' || typeof value === 'number' ? textOf(value) : null,
      lastUpdated: textOf(entry.lastUpdated),
      deleted: entry.deleted === true || entry.deleted === 'true',
    };
    if (faults.length === found) values.push(read);
  });
  return { values, faults };
}

/** DHIS2's CSV columns, by the names it writes them with, short or long. */
const CSV_COLUMNS: Record<string, keyof DataValue | 'ignored'> = {
  dataelement: 'dataElement',
  period: 'period',
  orgunit: 'orgUnit',
  categoryoptioncombo: 'categoryOptionCombo',
  catoptcombo: 'categoryOptionCombo',
  attributeoptioncombo: 'attributeOptionCombo',
  attroptcombo: 'attributeOptionCombo',
  value: 'value',
  lastupdated: 'lastUpdated',
  deleted: 'deleted',
  storedby: 'ignored',
  comment: 'ignored',
  followup: 'ignored',
  created: 'ignored',
};

/** A CSV header naming DHIS2's dataelement column. */
export const isDhis2Csv = (firstLine: string) => firstLine.replace(/^\uFEFF/, '').split(',').some((c) => c.trim().replace(/^"|"$/g, '').toLowerCase() === 'dataelement');

export function readDhis2Csv(text: string): Read {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    const detail = (err as Error).message.split('\n')[0]!;
    return refused(line ? { row: line, column: null, value: null, code: 'csv_bad_line', params: { detail } } : fileFault('file_unreadable', { detail }));
  }
  const [header, ...rows] = records;
  if (!header) return refused(fileFault('file_empty'));
  if (rows.length > MAX_DATA_VALUES) return refused(fileFault('exchange_too_many_values', { max: MAX_DATA_VALUES }));
  const names = header.record.map((n) => n.toLowerCase());
  const allowed = Object.keys(CSV_COLUMNS).join(', ');
  const faults = names.filter((n) => !Object.hasOwn(CSV_COLUMNS, n)).map((n) => fileFault('unknown_column', { allowed }, n));
  for (const required of ['dataelement', 'period', 'orgunit', 'value']) if (!names.includes(required)) faults.push(fileFault('missing_column', {}, required));
  if (faults.length > 0) return refused(...faults);
  const values = rows.map(({ record, info }): DataValue => {
    const cell = (field: keyof DataValue) => {
      const i = names.findIndex((n) => CSV_COLUMNS[n] === field);
      return i < 0 ? null : record[i] || null;
    };
    return {
      row: info.lines,
      dataElement: cell('dataElement'),
      period: cell('period'),
      orgUnit: cell('orgUnit'),
      categoryOptionCombo: cell('categoryOptionCombo'),
      attributeOptionCombo: cell('attributeOptionCombo'),
      disaggregation: null,
      value: cell('value'),
      lastUpdated: cell('lastUpdated'),
      deleted: cell('deleted')?.toLowerCase() === 'true',
    };
  });
  return { values, faults: [] };
}
