/**
 * ADX (IHE QRPH Aggregate Data Exchange) XML: <adx><group orgUnit period dataSet><dataValue
 * dataElement value [CATEGORY="OPTION" …]/></group></adx>. Each data value is numbered by its
 * line. A group attribute other than orgUnit, period, dataSet and completeDate is an attribute
 * disaggregation, which is refused like DHIS2's; a document type declaration is refused outright
 * (no entity is ever expanded), and so is any element ADX does not have.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { readAdxPeriod } from '../../data/schema/exchange-period.ts';
import type { DataValue, Notation } from './figures-of.ts';
import { MAX_DATA_VALUES, fileFault, type Read } from './read-dhis2.ts';

export const ADX_NOTATION: Notation = { name: 'ADX', read: readAdxPeriod, forms: '2024-05-01/P1M (P1D, P7D, P1M, P3M, P6M, P1Y)' };

const GROUP_FIELDS = new Set(['orgUnit', 'period', 'dataSet', 'completeDate']);
const VALUE_FIELDS = new Set(['dataElement', 'value']);
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

class AdxFault extends Error {}
class TooMany extends Error {}

/**
 * The most attributes one element may carry. ADX uses a handful (orgUnit, period, dataSet,
 * completeDate, a few disaggregations); a group's attributes are copied onto each of its data
 * values, so 20,000 of them on a group of 20,000 values was 400 million cells from a 1 MB file.
 */
export const MAX_ADX_ATTRIBUTES = 32;

export function readAdx(text: string): Read {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const values: DataValue[] = [];
  let group: Record<string, string> | null = null;
  let seenRoot = false;
  parser.on('doctype', () => {
    throw new AdxFault(`line ${parser.line}: a DOCTYPE declaration is not accepted`);
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const count = Object.keys((tag as SaxesTagPlain).attributes).length;
    if (count > MAX_ADX_ATTRIBUTES) throw new AdxFault(`line ${parser.line}: <${name}> has ${count} attributes, more than the ${MAX_ADX_ATTRIBUTES} ADX allows here`);
    const attributes = Object.fromEntries(
      Object.entries((tag as SaxesTagPlain).attributes)
        .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
        .map(([k, v]) => [localName(k), v.trim()]),
    );
    if (!seenRoot) {
      if (name !== 'adx') throw new AdxFault(`the root element is <${name}>, not <adx>`);
      seenRoot = true;
    } else if (name === 'group' && group === null) group = attributes;
    else if (name === 'dataValue' && group !== null) {
      if (values.length >= MAX_DATA_VALUES) throw new TooMany();
      const extra = Object.entries(group).filter(([k]) => !GROUP_FIELDS.has(k));
      values.push({
        row: parser.line,
        dataElement: attributes.dataElement || null,
        period: group.period || null,
        orgUnit: group.orgUnit || null,
        categoryOptionCombo: null,
        attributeOptionCombo: extra.length > 0 ? extra.map(([k, v]) => `${k}=${v}`).join(', ') : null,
        disaggregation: Object.entries(attributes).filter(([k]) => !VALUE_FIELDS.has(k)),
        value: attributes.value || null,
        lastUpdated: null,
        deleted: false,
      });
    } else if (name !== 'annotation') throw new AdxFault(`line ${parser.line}: <${name}> is not expected here`);
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'group') group = null;
  });
  try {
    parser.write(text.replace(/^\uFEFF/, '')).close();
  } catch (err) {
    if (err instanceof TooMany) return { values: [], faults: [fileFault('exchange_too_many_values', { max: MAX_DATA_VALUES })] };
    return { values: [], faults: [fileFault('file_unreadable', { detail: (err as Error).message.split('\n')[0]! })] };
  }
  return { values, faults: values.length === 0 ? [fileFault('file_empty')] : [] };
}
