/**
 * A view's figures as a DHIS2 dataValueSet (JSON), what POST /api/dataValueSets takes and what
 * read-dhis2.ts reads back: one data value per part of a figure, its subgroup as the category
 * option combo. The total is written with the mapping's default combo when it names one, and
 * with none otherwise (DHIS2 then takes its default); a subgroup without a combo is refused.
 */
import type { ExchangeMapping, IdScheme } from '../../data/schema/exchange-mapping.ts';
import { writeDhis2Period } from '../../data/schema/exchange-period.ts';
import { figureName, type ExportFigure } from './export-figures.ts';
import type { Refusals } from './export-refusals.ts';
import { identifierOf, nameFigures } from './name-figures.ts';

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  value: string;
}

export function writeDhis2(figures: ExportFigure[], mapping: ExchangeMapping, scheme: IdScheme, refusals: Refusals): { dataValues: Dhis2DataValue[] } {
  const dataValues: Dhis2DataValue[] = [];
  for (const v of nameFigures(figures, mapping, scheme, refusals)) {
    const combo = mapping.names.combos.get(v.subgroup);
    if (!combo && v.subgroup !== '') {
      refusals.add('unmapped_combo', v.subgroup, { vi: `không có category option combo cho nhóm ${v.subgroup}`, en: `no category option combo is mapped to subgroup ${v.subgroup}` }, figureName(v.figure));
      continue;
    }
    const comboId = combo ? identifierOf(combo, scheme, `category option combo ${v.subgroup || '(tổng / total)'}`, v.figure, refusals) : undefined;
    if (comboId === null) continue;
    dataValues.push({ dataElement: v.dataElement, period: writeDhis2Period(v.period), orgUnit: v.orgUnit, ...(comboId ? { categoryOptionCombo: comboId } : {}), value: v.value });
  }
  return { dataValues };
}
