/**
 * DHIS2 and ADX data values, as their readers find them, turned into rows of our input format
 * through the pack's mapping: a ratio's numerator and denominator come as two data values and
 * make one row. Anything the mapping does not name, a period that is not one of our grains or not
 * a grain the indicator takes, a deletion, an attribute disaggregation, a part sent twice: the
 * data value is refused, naming its row and field, and so is the figure it belonged to. Nothing
 * is guessed or converted; the rows then go through the same checks as every file.
 */
import type { ExchangeMapping, Part } from '../../data/schema/exchange-mapping.ts';
import { grainNotTaken, type ExchangePeriod } from '../../data/schema/exchange-period.ts';
import { formatPeriod, today } from '../../data/schema/period.ts';
import type { Rejection } from '../../data/schema/rejection.ts';
import type { Column } from '../ingest/format.ts';

export interface DataValue {
  /** Where it is in the file: its line (CSV, ADX) or its position in dataValues (DHIS2 JSON). */
  row: number;
  dataElement: string | null;
  period: string | null;
  orgUnit: string | null;
  /** DHIS2: the combo (absent: the default, the total). */
  categoryOptionCombo: string | null;
  attributeOptionCombo: string | null;
  /** ADX: the disaggregation attributes, category code and option code. */
  disaggregation: [string, string][] | null;
  value: string | null;
  lastUpdated: string | null;
  deleted: boolean;
}

export interface Notation {
  /** "DHIS2" or "ADX", for messages. */
  name: string;
  read: (text: string) => ExchangePeriod;
  forms: string;
}

/** A row of our format, and where each of its cells came from in the sender's file. */
export interface FigureRow {
  row: number;
  cells: Partial<Record<Column, string>>;
  origins: { column: Column; row: number; field: string }[];
}

export interface Figures {
  rows: FigureRow[];
  rejections: Rejection[];
  /** Data values refused before they became part of a row. */
  refused: number;
}

/**
 * The day a data value was last updated, in the pack's time zone when the stamp says its zone;
 * else as written (DHIS2 writes its server's local time). Anything else goes on as written, for
 * the date check to refuse.
 */
function reportedOn(stamp: string, timezone: string): string {
  const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(stamp) ? new Date(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
  if (zoned && !Number.isNaN(zoned.getTime())) return today(timezone, zoned);
  const local = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+)?$/.exec(stamp);
  return local ? local[1]! : stamp;
}

export function figuresOf(values: DataValue[], mapping: ExchangeMapping, notation: Notation, timezone: string): Figures {
  const rejections: Rejection[] = [];
  const figures = new Map<string, FigureRow & { parts: Map<Part, number> }>();
  const refusedRows = new Set<number>();
  /** Figures with a part refused, and the first such part's row. */
  const refusedParts = new Map<string, number>();
  const where = { file: mapping.file.split(/[\\/]/).slice(-3).join('/') };

  for (const v of values) {
    const faults: Rejection[] = [];
    const fault = (column: string, value: string | null, code: Rejection['code'], params: Rejection['params'] = {}) =>
      faults.push({ row: v.row, column, value, code, params });
    const required = (column: string, text: string | null) => {
      if (text === null) fault(column, null, 'missing');
      return text;
    };

    if (v.deleted) fault('deleted', 'true', 'exchange_deleted');
    const elementId = required('dataElement', v.dataElement);
    const element = elementId === null ? undefined : mapping.dataElements.get(elementId);
    if (elementId !== null && !element) fault('dataElement', elementId, 'exchange_unmapped_data_element', where);
    const orgUnitId = required('orgUnit', v.orgUnit);
    const orgUnit = orgUnitId === null ? undefined : mapping.orgUnits.get(orgUnitId);
    if (orgUnitId !== null && !orgUnit) fault('orgUnit', orgUnitId, 'exchange_unmapped_org_unit', where);

    const periodText = required('period', v.period);
    const read = periodText === null ? null : notation.read(periodText);
    if (read && 'unreadable' in read) fault('period', periodText, 'exchange_bad_period', { notation: notation.name, forms: notation.forms });
    if (read && 'unsupported' in read) fault('period', periodText, 'exchange_period_type', { type: read.unsupported });
    const period = read && 'period' in read ? read.period : null;
    if (period && element && !element.grains.includes(period.grain))
      fault('period', periodText, 'exchange_grain_not_taken', { indicator: element.indicator, ...grainNotTaken(period.grain, element.grains) });

    let subgroup: string | undefined = '';
    let subgroupField = 'categoryOptionCombo';
    if (v.disaggregation) {
      if (v.disaggregation.length > 1) fault(v.disaggregation.map(([c]) => c).join(', '), v.disaggregation.map(([c, o]) => `${c}=${o}`).join(', '), 'exchange_several_categories');
      else if (v.disaggregation.length === 1) {
        const [category, option] = v.disaggregation[0]!;
        subgroupField = category;
        const found = mapping.categories.get(category);
        const value = found?.options.get(option);
        subgroup = found && value !== undefined ? `${found.dimension}:${value}` : undefined;
        if (subgroup === undefined) fault(category, option, 'exchange_unmapped_category', { ...where, category });
      }
    } else if (v.categoryOptionCombo !== null) {
      subgroup = mapping.combos.get(v.categoryOptionCombo);
      if (subgroup === undefined) fault('categoryOptionCombo', v.categoryOptionCombo, 'exchange_unmapped_combo', where);
    }
    if (v.attributeOptionCombo !== null && mapping.combos.get(v.attributeOptionCombo) !== '')
      fault('attributeOptionCombo', v.attributeOptionCombo, 'exchange_attribute_combo');
    const value = required('value', v.value);

    const entity = orgUnit ? ('unit' in orgUnit ? `unit ${orgUnit.unit}` : `facility ${orgUnit.facility}`) : null;
    const key = element && entity && period && subgroup !== undefined ? [element.indicator, entity, formatPeriod(period), subgroup].join('\t') : null;
    let figure = key === null ? undefined : figures.get(key);
    const earlier = figure && element ? figure.parts.get(element.part) : undefined;
    if (earlier !== undefined) fault('dataElement', elementId, 'duplicate_row', { first_row: earlier });

    if (faults.length > 0) {
      rejections.push(...faults);
      refusedRows.add(v.row);
      if (key !== null && !refusedParts.has(key)) refusedParts.set(key, v.row);
      continue;
    }
    if (!figure) {
      figure = {
        row: v.row,
        cells: { indicator: element!.indicator, period: formatPeriod(period!), ...(subgroup ? { subgroup } : {}) },
        origins: [
          { column: 'indicator', row: v.row, field: 'dataElement' },
          { column: 'unit', row: v.row, field: 'orgUnit' },
          { column: 'facility', row: v.row, field: 'orgUnit' },
          { column: 'period', row: v.row, field: 'period' },
          { column: 'subgroup', row: v.row, field: subgroupField },
        ],
        parts: new Map(),
      };
      if ('unit' in orgUnit!) figure.cells.unit = orgUnit.unit;
      else figure.cells.facility = orgUnit!.facility;
      figures.set(key!, figure);
    }
    figure.parts.set(element!.part, v.row);
    figure.cells[element!.part] = value!;
    figure.origins.push({ column: element!.part, row: v.row, field: 'value' });
    if (v.lastUpdated !== null) {
      // The figure was whole when its last part was stored.
      const day = reportedOn(v.lastUpdated, timezone);
      if (figure.cells.reported_on === undefined || day > figure.cells.reported_on) {
        figure.cells.reported_on = day;
        figure.origins = figure.origins.filter((o) => o.column !== 'reported_on');
        figure.origins.push({ column: 'reported_on', row: v.row, field: 'lastUpdated' });
      }
    }
  }
  // A figure is not taken without a part that was refused, so it never lands as another number.
  for (const [key, row] of refusedParts) {
    const figure = figures.get(key);
    if (figure) rejections.push({ row: figure.row, column: null, value: null, code: 'exchange_part_refused', params: { part_row: row } });
  }
  const rows = [...figures.values()].map(({ parts: _parts, ...row }) => row);
  return { rows, rejections, refused: refusedRows.size };
}
