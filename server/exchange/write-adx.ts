/**
 * A view's figures as ADX XML (IHE QRPH ADX), what read-adx.ts reads back: a group per org unit
 * and period, a dataValue per part of a figure, its subgroup as the mapped ADX category and option
 * (the total carries none). ADX names categories and options by code only; a subgroup the
 * mapping's adx_categories do not carry is refused. A data set is written only when the request
 * names one: the mapping has none, and a data element says what a value is.
 */
import type { ExchangeMapping, IdScheme } from '../../data/schema/exchange-mapping.ts';
import { writeAdxPeriod } from '../../data/schema/exchange-period.ts';
import { figureName, type ExportFigure } from './export-figures.ts';
import type { Refusals } from './export-refusals.ts';
import { nameFigures } from './name-figures.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const attribute = (name: string, value: string) => ` ${name}="${value.replace(/[&<>"']/g, (c) => ESCAPES[c]!)}"`;

export function writeAdx(figures: ExportFigure[], mapping: ExchangeMapping, scheme: IdScheme, dataSet: string | undefined, exported: Date, refusals: Refusals): string {
  const groups = new Map<string, string[]>();
  for (const v of nameFigures(figures, mapping, scheme, refusals)) {
    const option = v.subgroup === '' ? null : mapping.names.adxOptions.get(v.subgroup);
    if (option === undefined) {
      refusals.add('unmapped_adx_option', v.subgroup, { vi: `adx_categories không có nhóm phân tổ cho ${v.subgroup}`, en: `no ADX category option is mapped to subgroup ${v.subgroup}` }, figureName(v.figure));
      continue;
    }
    const group = `<group${attribute('orgUnit', v.orgUnit)}${attribute('period', writeAdxPeriod(v.period))}${dataSet === undefined ? '' : attribute('dataSet', dataSet)}>`;
    const values = groups.get(group) ?? [];
    groups.set(group, values);
    values.push(`<dataValue${attribute('dataElement', v.dataElement)}${option ? attribute(option.category, option.option) : ''}${attribute('value', v.value)}/>`);
  }
  const body = [...groups].map(([group, values]) => `  ${group}\n${values.map((v) => `    ${v}\n`).join('')}  </group>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015"${attribute('exported', exported.toISOString())}>\n${body}</adx>\n`;
}
