import { describe, expect, it } from 'vitest';
import { checkCatalogue, checkCatalogueAgainstLevels, COMPONENTS } from '../../data/schema/indicator.ts';
import { readConfig } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';

const catalogue = loadCatalogue(readConfig({}).catalogueFile);
const codes = catalogue.indicators.map((i) => i.code);

describe('data/catalogue/indicators.yaml', () => {
  it('holds every indicator of the DOMAIN table', () => {
    for (const code of [
      'ehr_coverage',
      'cashless_payment_rate',
      'cashless_amount',
      'chip_id_lookup_success',
      'chip_id_facilities',
      'driver_certificates_linked',
      'birth_certificates_linked',
      'death_certificates_linked',
      'it_level_tt54',
      'eprescription_signing',
      'emr_facilities',
      'emr_records',
      'telehealth_consultations',
      'station_info_system',
      'vaccination_data_entry',
      'online_public_services',
    ])
      expect(codes).toContain(code);
  });

  it('gives every QĐ 828 component at least two indicators', () => {
    for (const component of COMPONENTS)
      expect(catalogue.indicators.filter((i) => i.component === component).length, component).toBeGreaterThanOrEqual(2);
  });

  it('cites the document behind every target: KH 1295 sets cashless 40% for provincial hospitals and 30% for area centres', () => {
    for (const i of catalogue.indicators) for (const t of i.targets) expect(t.source, i.code).toMatch(/KH|BC-SYT|QĐ|TT/);
    const cashless = catalogue.indicators.find((i) => i.code === 'cashless_payment_rate')!.targets;
    expect(cashless).toContainEqual(expect.objectContaining({ scope: { facility_kind: 'provincial_hospital' }, value: 40, source: expect.stringContaining('1295') }));
    expect(cashless).toContainEqual(expect.objectContaining({ scope: { facility_kind: 'area_health_centre' }, value: 30 }));
    const ehr = catalogue.indicators.find((i) => i.code === 'ehr_coverage')!.targets;
    expect(ehr).toContainEqual(expect.objectContaining({ value: 92, source: expect.stringContaining('3648') }));
  });

  it('writes a Vietnamese calculation guide for every indicator, with numerator and denominator for ratios', () => {
    for (const i of catalogue.indicators) {
      expect(i.guide.definition.vi.length, i.code).toBeGreaterThan(20);
      if (i.kind === 'ratio') expect(i.guide.numerator && i.guide.denominator, i.code).toBeTruthy();
    }
  });
});

describe('checkCatalogue', () => {
  it('names the indicator and field of each fault', () => {
    const { errors } = checkCatalogue({
      indicators: [{ ...catalogue.indicators[0], code: 'x', kind: 'ratio', over_time: undefined, factor: -1 }],
    });
    expect(errors).toEqual(expect.arrayContaining(['indicators.[x].factor: Too small: expected number to be >0']));
    expect(errors.some((e) => e.includes('over_time'))).toBe(true);
  });
});

describe('checkCatalogueAgainstLevels', () => {
  it("accepts the catalogue's reporting levels for the pack, and names an indicator whose level the pack lacks", () => {
    expect(checkCatalogueAgainstLevels(catalogue, ['province', 'area', 'commune'])).toEqual([]);
    expect(checkCatalogueAgainstLevels(catalogue, ['province', 'commune'])).toEqual([
      'doctors_per_10k.reporting_level: "area" is not a level of the pack (province, commune)',
      'beds_per_10k.reporting_level: "area" is not a level of the pack (province, commune)',
    ]);
  });
});
