import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { exchangeMappingFile, loadExchangeMapping } from '../../server/reference/load-exchange-mapping.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

const config = readConfig({});
const catalogue = loadCatalogue(config.catalogueFile);
const pack = loadPack(config.packDir);

const load = (yaml: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ioc-mapping-')), 'dhis2-mapping.yaml');
  writeFileSync(file, yaml);
  return () => loadExchangeMapping(file, catalogue, pack);
};
const sections = (entries: { data_elements?: string; combos?: string; org_units?: string }) =>
  `data_elements:\n${entries.data_elements ?? '  - { uid: SXHcaMac001, indicator: dengue_cases, part: value }'}\n` +
  `category_option_combos:\n${entries.combos ?? '  - { code: default, subgroup: null }'}\n` +
  `org_units:\n${entries.org_units ?? '  - { code: TYT-22813, facility: TYT-22813 }'}\n`;

describe('the DHIS2/ADX mapping of a pack', () => {
  it("loads the Ninh Thuận pack's mapping, by UID and by code", () => {
    const mapping = loadExchangeMapping(exchangeMappingFile(config.packDir), catalogue, pack)!;
    expect(mapping.dataElements.get('HSSKtaoMoi1')).toEqual({ indicator: 'ehr_coverage', part: 'numerator', grains: ['month'] });
    expect(mapping.dataElements.get('HSSK_DA_TAO')).toBe(mapping.dataElements.get('HSSKtaoMoi1'));
    expect(mapping.combos.get('NU')).toBe('sex:female');
    expect(mapping.orgUnits.get('22810')).toEqual({ unit: '22810' });
    expect(mapping.orgUnits.get('XaNinhSon01')).toEqual({ unit: '22810' });
    // And back from ours, for exports: each thing of ours to the one entry naming it.
    expect(mapping.names.dataElements.get('ehr_coverage numerator')).toEqual({ uid: 'HSSKtaoMoi1', code: 'HSSK_DA_TAO', mapped: mapping.dataElements.get('HSSKtaoMoi1') });
    expect(mapping.names.combos.get('')).toMatchObject({ uid: 'HllvX50cXC0', code: 'default' });
    expect(mapping.names.adxOptions.get('sex:female')).toEqual({ category: 'GIOI_TINH', option: 'NU' });
    expect(mapping.names.orgUnits.get('facility TTYT-585')).toEqual({ uid: 'TTYTNinhSon', code: 'TTYT-585', mapped: { facility: 'TTYT-585' } });
  });

  it('is none where the pack has no file', () => {
    expect(loadExchangeMapping(join(tmpdir(), 'no-such-mapping.yaml'), catalogue, pack)).toBeNull();
  });

  it.each([
    ['an unknown indicator', sections({ data_elements: '  - { uid: SXHcaMac001, indicator: no_such, part: value }' }), /dòng 2, data_elements mục 1, trường indicator.*no_such/],
    ['a numerator of a count', sections({ data_elements: '  - { uid: SXHcaMac001, indicator: dengue_cases, part: numerator }' }), /trường part.*dengue_cases is a count/],
    ['an identifier used twice', sections({ org_units: '  - { code: A, facility: TYT-22813 }\n  - { code: A, facility: TYT-22810 }' }), /org_units entry 2.*identifier "A" is used by another entry/],
    ['two entries for one figure part', sections({ data_elements: '  - { code: A, indicator: dengue_cases, part: value }\n  - { code: B, indicator: dengue_cases, part: value }' }), /already mapped by entry 1/],
    ['an unknown facility', sections({ org_units: '  - { code: X, facility: TYT-00000 }' }), /facility "TYT-00000" is not in the pack/],
    ['a subgroup no indicator declares', sections({ combos: '  - { code: X, subgroup: "sex:other" }' }), /no indicator declares subgroup "sex:other"/],
    ['a malformed UID', sections({ data_elements: '  - { uid: short, indicator: dengue_cases, part: value }' }), /trường uid.*11 letters/],
    ['both a unit and a facility', sections({ org_units: '  - { code: X, unit: "22810", facility: TYT-22810 }' }), /give unit or facility/],
    [
      'one subgroup carried by two ADX categories (an export could not name it)',
      `${sections({})}adx_categories:\n  - { code: GIOI_TINH, dimension: sex, options: { NU: female } }\n  - { code: GIOI, dimension: sex, options: { F: female } }\n`,
      /subgroup "sex:female" is already mapped by category "GIOI_TINH"/,
    ],
  ])('stops the start on %s, naming the file, line and field', (_title, yaml, message) => {
    expect(load(yaml)).toThrow(message);
  });
});
