/**
 * Our figures in DHIS2's names, for the DHIS2 and ADX writers: the pack's mapping read backwards.
 * Each part of a figure (a ratio's numerator and denominator, or the value) goes to the data
 * element that carries it, the unit or facility to its org unit, each named by the identifier
 * scheme asked for; the period must be of a grain the data element takes, as on import, so what is
 * written is what the mapping would read back. Whatever the mapping does not name is refused,
 * naming it; the subgroup is left for each writer to name its own way.
 */
import type { ExchangeMapping, IdScheme, Named } from '../../data/schema/exchange-mapping.ts';
import { grainNotTaken } from '../../data/schema/exchange-period.ts';
import type { Period } from '../../data/schema/period.ts';
import { figureName, type ExportFigure } from './export-figures.ts';
import type { Refusals } from './export-refusals.ts';

export interface NamedValue {
  dataElement: string;
  orgUnit: string;
  period: Period;
  /** Ours ('' for the total). */
  subgroup: string;
  /** Digits, as the readers take counts. */
  value: string;
  /** The figure it is part of, for the writers' refusals. */
  figure: ExportFigure;
}

const SCHEME_WORDS: Record<IdScheme, string> = { uid: 'UID', code: 'code' };

/** The identifier of an entry in the scheme asked for, or a refusal naming the entry. */
export function identifierOf<T>(entry: Named<T>, scheme: IdScheme, what: string, figure: ExportFigure, refusals: Refusals): string | null {
  const id = entry[scheme];
  if (id !== undefined) return id;
  refusals.add(
    'no_identifier',
    what,
    { vi: `mục ánh xạ của ${what} không có ${SCHEME_WORDS[scheme]} (idScheme=${scheme})`, en: `the mapping entry of ${what} has no ${SCHEME_WORDS[scheme]} (idScheme=${scheme})` },
    figureName(figure),
  );
  return null;
}

export function nameFigures(figures: ExportFigure[], mapping: ExchangeMapping, scheme: IdScheme, refusals: Refusals): NamedValue[] {
  const named: NamedValue[] = [];
  const file = mapping.file.split(/[\\/]/).slice(-3).join('/');
  for (const figure of figures) {
    const name = figureName(figure);
    const { grain, start } = figure.period;
    // The routes refuse range views before any figure is read: DHIS2 and ADX have no such period.
    if (grain === 'range') throw new Error('a range view has no DHIS2 or ADX period');
    const period: Period = { grain, start };

    const entity = `${figure.entity.kind} ${figure.entity.code}`;
    const orgUnitEntry = mapping.names.orgUnits.get(entity);
    if (!orgUnitEntry)
      refusals.add('unmapped_org_unit', entity, { vi: `${file} không có org unit cho ${figure.entity.kind === 'unit' ? 'đơn vị' : 'cơ sở'} ${figure.entity.code} (${figure.entity.name})`, en: `${file} maps no org unit to ${entity} (${figure.entity.name})` }, name);
    const orgUnit = orgUnitEntry ? identifierOf(orgUnitEntry, scheme, `org unit ${entity}`, figure, refusals) : null;

    const parts = Object.entries(figure.counts) as [keyof typeof figure.counts, number][];
    for (const [part, value] of parts) {
      const what = `${figure.indicator} ${part}`;
      const element = mapping.names.dataElements.get(what);
      if (!element) {
        refusals.add('unmapped_data_element', what, { vi: `${file} không có data element cho ${part} của ${figure.indicator}`, en: `${file} maps no data element to the ${part} of ${figure.indicator}` }, name);
        continue;
      }
      if (!element.mapped.grains.includes(grain)) {
        const words = grainNotTaken(grain, element.mapped.grains);
        refusals.add(
          'grain_not_taken',
          `${what} ${grain}`,
          {
            vi: `data element của ${what} nhận kỳ ${words.grains_vi}, không nhận kỳ ${words.grain_vi}: chọn grain khác`,
            en: `the data element of ${what} takes periods of ${words.grains_en}, not ${words.grain_en}: choose another grain`,
          },
          name,
        );
        continue;
      }
      const dataElement = identifierOf(element, scheme, `data element ${what}`, figure, refusals);
      if (dataElement !== null && orgUnit !== null) named.push({ dataElement, orgUnit, period, subgroup: figure.subgroup, value: String(value), figure });
    }
  }
  return named;
}
