/**
 * A pack's reviewed mapping from DHIS2 and ADX identifiers to ours (data/packs/<id>/dhis2-mapping.yaml):
 * data elements to an indicator and the part of its figure they carry (numerator, denominator or
 * value), category option combos and ADX categories to subgroups, org units to units and
 * facilities. Each identifier is matched by UID or by code. Every mapping is one to one, so an
 * import can never add two things into one figure and an export always has one name to write
 * (names: the same entries looked up from our side).
 */
import { z } from 'zod';
import type { Catalogue } from './indicator.ts';
import type { Pack } from './pack.ts';
import { GRAINS, type Grain } from './period.ts';

/** DHIS2 UIDs: 11 letters and digits, a letter first. */
const uid = z.string().regex(/^[A-Za-z][A-Za-z0-9]{10}$/, 'a DHIS2 UID is 11 letters and digits, starting with a letter');
const code = z.string().min(1).max(50);
const named = { uid: uid.optional(), code: code.optional(), name: z.string().optional() };
const identified = (e: { uid?: string; code?: string }) => e.uid !== undefined || e.code !== undefined;
const needsId = { message: 'give uid or code (or both)' };

export const PARTS = ['numerator', 'denominator', 'value'] as const;
export type Part = (typeof PARTS)[number];

export const mappingFileSchema = z
  .object({
    data_elements: z.array(
      z
        .object({
          ...named,
          indicator: z.string().regex(/^[a-z][a-z0-9_]*$/),
          part: z.enum(PARTS),
          /** The grains its periods may have; the indicator's frequency when absent. */
          grains: z.array(z.enum(GRAINS)).min(1).optional(),
        })
        .strict()
        .refine(identified, needsId),
    ),
    /** Absent from a data value means DHIS2's default combo: the total. */
    category_option_combos: z.array(
      z
        .object({ ...named, subgroup: z.string().regex(/^[a-z_]+:[^\s:]+$/).nullable() })
        .strict()
        .refine(identified, needsId),
    ),
    adx_categories: z
      .array(
        z
          .object({ code, dimension: z.string().regex(/^[a-z_]+$/), options: z.record(code, z.string().min(1)) })
          .strict(),
      )
      .default([]),
    org_units: z.array(
      z
        .object({ ...named, unit: z.string().min(1).optional(), facility: z.string().min(1).optional() })
        .strict()
        .refine(identified, needsId)
        .refine((o) => (o.unit === undefined) !== (o.facility === undefined), { message: 'give unit or facility, one of them' }),
    ),
  })
  .strict();
export type MappingFile = z.output<typeof mappingFileSchema>;

export interface DataElementMapping {
  indicator: string;
  part: Part;
  grains: Grain[];
}

export type OrgUnitMapping = { unit: string } | { facility: string };

/** How an entry is identified in DHIS2: its UID, its code, or both. */
export interface Identifiers {
  uid?: string;
  code?: string;
}
export type IdScheme = keyof Identifiers;

/** An entry of the mapping found from our side: its identifiers and what it maps to. */
export type Named<T> = Identifiers & { mapped: T };

/** The mapping as lookups by identifier (UID or code), and back from ours for exports. */
export interface ExchangeMapping {
  file: string;
  dataElements: Map<string, DataElementMapping>;
  /** Combo identifier → subgroup key ('' for the total). */
  combos: Map<string, string>;
  /** ADX category code → its dimension and option code → value. */
  categories: Map<string, { dimension: string; options: Map<string, string> }>;
  orgUnits: Map<string, OrgUnitMapping>;
  /** The other way: each thing of ours to the one entry that names it (the mapping is one to one). */
  names: {
    /** "INDICATOR PART" (ehr_coverage numerator) → its data element. */
    dataElements: Map<string, Named<DataElementMapping>>;
    /** Subgroup ('' for the total) → its combo. */
    combos: Map<string, Named<string>>;
    /** Subgroup → the ADX category and option that carry it. */
    adxOptions: Map<string, { category: string; option: string }>;
    /** "unit CODE" or "facility CODE" → its org unit. */
    orgUnits: Map<string, Named<OrgUnitMapping>>;
  };
}

/** A fault of the mapping file: where (section, entry, field) and what, in both languages. */
export interface MappingFault {
  path: (string | number)[];
  vi: string;
  en: string;
}

/**
 * The lookups of a parsed mapping file, or every way it does not fit the catalogue and the pack:
 * unknown indicators, units and facilities, a part the indicator's kind has no use for, a subgroup
 * no indicator declares, an identifier or a target named twice.
 */
export function resolveMapping(file: string, mapping: MappingFile, catalogue: Catalogue, pack: Pack): { mapping?: ExchangeMapping; faults: MappingFault[] } {
  const faults: MappingFault[] = [];
  const fault = (path: (string | number)[], vi: string, en: string) => faults.push({ path, vi, en });
  const refuse = (path: (string | number)[], vi: string, en: string): null => (fault(path, vi, en), null);
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const subgroups = new Set(catalogue.indicators.flatMap((i) => Object.entries(i.subgroups).flatMap(([d, values]) => values.map((v) => `${d}:${v}`))));
  const units = new Set([...pack.units, ...pack.formerUnits].map((u) => u.code));
  const facilities = new Set(pack.facilities.map((f) => f.code));

  /** Each identifier once per section, and each thing of ours named by one entry only. */
  function lookup<T>(section: string, entries: { uid?: string; code?: string }[], target: (e: never, i: number) => { key: string; value: T } | null) {
    const byId = new Map<string, T>();
    const byTarget = new Map<string, Named<T>>();
    const targets = new Map<string, number>();
    entries.forEach((entry, i) => {
      const mapped = target(entry as never, i);
      if (!mapped) return;
      const first = targets.get(mapped.key);
      const shown = mapped.key || '(tổng / total)';
      if (first !== undefined) fault([section, i], `${shown} đã được ánh xạ ở mục ${first + 1}`, `${shown} is already mapped by entry ${first + 1}`);
      targets.set(mapped.key, i);
      byTarget.set(mapped.key, { uid: entry.uid, code: entry.code, mapped: mapped.value });
      for (const id of [entry.uid, entry.code]) {
        if (id === undefined) continue;
        if (byId.has(id)) fault([section, i], `mã "${id}" đã dùng ở một mục khác`, `identifier "${id}" is used by another entry`);
        byId.set(id, mapped.value);
      }
    });
    return { byId, byTarget };
  }

  const dataElements = lookup<DataElementMapping>('data_elements', mapping.data_elements, (e: MappingFile['data_elements'][number], i) => {
    const indicator = indicators.get(e.indicator);
    if (!indicator) return refuse(['data_elements', i, 'indicator'], `chỉ số "${e.indicator}" không có trong danh mục`, `indicator "${e.indicator}" is not in the catalogue`);
    if (e.part !== 'value' && indicator.kind !== 'ratio')
      return refuse(['data_elements', i, 'part'], `${e.indicator} là chỉ số ${indicator.kind}, không có tử số, mẫu số: dùng part: value`, `${e.indicator} is a ${indicator.kind}, with no numerator or denominator: use part: value`);
    return { key: `${e.indicator} ${e.part}`, value: { indicator: e.indicator, part: e.part, grains: e.grains ?? [indicator.frequency] } };
  });
  const combos = lookup<string>('category_option_combos', mapping.category_option_combos, (c: MappingFile['category_option_combos'][number], i) => {
    if (c.subgroup !== null && !subgroups.has(c.subgroup))
      return refuse(['category_option_combos', i, 'subgroup'], `nhóm "${c.subgroup}" không có chỉ số nào khai báo`, `no indicator declares subgroup "${c.subgroup}"`);
    return { key: c.subgroup ?? '', value: c.subgroup ?? '' };
  });
  const orgUnits = lookup<OrgUnitMapping>('org_units', mapping.org_units, (o: MappingFile['org_units'][number], i) => {
    if (o.unit !== undefined && !units.has(o.unit)) return refuse(['org_units', i, 'unit'], `đơn vị "${o.unit}" không có trong bộ dữ liệu tỉnh`, `unit "${o.unit}" is not in the pack`);
    if (o.facility !== undefined && !facilities.has(o.facility))
      return refuse(['org_units', i, 'facility'], `cơ sở "${o.facility}" không có trong bộ dữ liệu tỉnh`, `facility "${o.facility}" is not in the pack`);
    return o.unit !== undefined ? { key: `unit ${o.unit}`, value: { unit: o.unit } } : { key: `facility ${o.facility}`, value: { facility: o.facility! } };
  });
  const categories = new Map<string, { dimension: string; options: Map<string, string> }>();
  const adxOptions = new Map<string, { category: string; option: string }>();
  mapping.adx_categories.forEach((c, i) => {
    if (categories.has(c.code)) fault(['adx_categories', i, 'code'], `nhóm phân tổ "${c.code}" khai báo hai lần`, `category "${c.code}" is declared twice`);
    const values = Object.values(c.options);
    for (const [option, value] of Object.entries(c.options))
      if (!subgroups.has(`${c.dimension}:${value}`))
        fault(['adx_categories', i, 'options', option], `nhóm "${c.dimension}:${value}" không có chỉ số nào khai báo`, `no indicator declares subgroup "${c.dimension}:${value}"`);
    if (new Set(values).size !== values.length) fault(['adx_categories', i, 'options'], 'hai lựa chọn cùng ánh xạ một nhóm', 'two options map to one subgroup');
    categories.set(c.code, { dimension: c.dimension, options: new Map(Object.entries(c.options)) });
    for (const [option, value] of Object.entries(c.options)) {
      const subgroup = `${c.dimension}:${value}`;
      const first = adxOptions.get(subgroup);
      if (first && first.category !== c.code)
        fault(['adx_categories', i, 'options', option], `nhóm "${subgroup}" đã được ánh xạ ở nhóm phân tổ "${first.category}"`, `subgroup "${subgroup}" is already mapped by category "${first.category}"`);
      adxOptions.set(subgroup, { category: c.code, option });
    }
  });
  if (faults.length > 0) return { faults };
  return {
    mapping: {
      file,
      dataElements: dataElements.byId,
      combos: combos.byId,
      categories,
      orgUnits: orgUnits.byId,
      names: { dataElements: dataElements.byTarget, combos: combos.byTarget, adxOptions, orgUnits: orgUnits.byTarget },
    },
    faults,
  };
}
