import { describe, expect, it } from 'vitest';
import { checkCatalogue, checkCatalogueAgainstLevels, COMPONENTS, levelLabel, totalsOf } from '../../data/schema/indicator.ts';
import { readConfig } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { loadTargetsInto, targetFiles } from '../../server/reference/load-targets.ts';
import { copyPack } from '../support/pack-copy.ts';

const config = readConfig({});
const pack = loadPack(config.packDir);
const catalogue = loadCatalogue(config.catalogueFile);
loadTargetsInto(catalogue, pack, targetFiles(config.catalogueFile, config.packDir));
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

  it('has targets in force for every year to 2030 where the documents set them: the nation\'s for every pack, the province\'s in its pack', () => {
    const of = (code: string) => catalogue.indicators.find((i) => i.code === code)!.targets;
    const inForce = (code: string, year: number) => of(code).filter((t) => t.from_year <= year && year <= t.to_year);
    // QĐ 5316/QĐ-BYT: 95% of people with an EHR by 2030, for the whole country.
    expect(inForce('ehr_coverage', 2027)).toEqual([expect.objectContaining({ scope: { nation: true }, value: 95, source: expect.stringContaining('5316') })]);
    // KH 3648 §2.3, Ninh Thuận's orientation to 2030: cashless ≥ 50%, EMR in every facility.
    expect(inForce('cashless_payment_rate', 2030)).toEqual([expect.objectContaining({ scope: { province: true }, value: 50, source: expect.stringContaining('§2.3') })]);
    expect(inForce('emr_facilities', 2028).map((t) => t.source)).toEqual([expect.stringContaining('46/2018'), expect.stringContaining('3648')]);
    for (const year of [2026, 2027, 2028, 2029, 2030]) for (const code of ['ehr_coverage', 'emr_facilities', 'cashless_payment_rate']) expect(inForce(code, year).length, `${code} ${year}`).toBeGreaterThan(0);
  });

  it('keeps a province\'s plans out of another pack, and refuses a pack file that sets national targets or names unknown units', () => {
    const other = copyPack((file) => file('targets.yaml', () => 'targets: []\n'));
    const bare = loadCatalogue(config.catalogueFile);
    loadTargetsInto(bare, pack, targetFiles(config.catalogueFile, other));
    const sources = bare.indicators.flatMap((i) => i.targets.map((t) => t.source));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => /QĐ|TT/.test(s) && !/3648|1295|BC-SYT/.test(s))).toBe(true);
    const wrong = copyPack((file) =>
      file('targets.yaml', () => "targets:\n  - { indicator: ehr_coverage, scope: { nation: true }, from_year: 2026, to_year: 2030, value: 99, source: 'KH x' }\n  - { indicator: ehr_coverage, scope: { unit: '99999' }, from_year: 2026, to_year: 2030, value: 99, source: 'KH y' }\n"),
    );
    expect(() => loadTargetsInto(loadCatalogue(config.catalogueFile), pack, targetFiles(config.catalogueFile, wrong))).toThrow(/national ones[\s\S]*unit "99999" is not a unit/);
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

describe('level_labels', () => {
  const rank = catalogue.indicators.find((i) => i.code === 'hospital_rank')!;
  const basic = [{ vi: 'Chưa đạt cơ bản', en: 'Basic not met' }, { vi: 'Cơ bản', en: 'Basic' }, { vi: 'Nâng cao', en: 'Advanced' }];
  const check = (changes: object) => checkCatalogue({ indicators: [{ ...rank, code: 'x', ...changes }] }).errors;

  it('takes one label per level of the scale, and a level is written by its label', () => {
    expect(check({ level_scale: { min: 0, max: 2 }, level_labels: basic })).toEqual([]);
    expect(levelLabel(rank, 2)).toEqual({ vi: 'Hạng II', en: 'Rank II' });
    expect(levelLabel(catalogue.indicators.find((i) => i.code === 'it_level_tt54')!, 2)).toBeUndefined();
  });

  it('refuses labels that do not match the scale in number, naming how many it needs', () => {
    expect(check({ level_scale: { min: 1, max: 2 }, level_labels: basic })).toEqual(['indicators.[x]: level_labels needs one label per level of level_scale (2), not 3']);
    expect(check({ level_scale: { min: 0, max: 3 }, level_labels: basic })).toEqual(['indicators.[x]: level_labels needs one label per level of level_scale (4), not 3']);
  });

  it('refuses labels on an indicator that is not a level', () => {
    expect(check({ kind: 'stock', level_scale: undefined, level_labels: basic })).toEqual(['indicators.[x]: level_labels go with kind level, and only with it']);
  });
});

describe('totals (counted once)', () => {
  const telehealth = catalogue.indicators.find((i) => i.code === 'telehealth_consultations')!;
  const check = (changes: object) => checkCatalogue({ indicators: [{ ...telehealth, code: 'x', ...changes }] }).errors;

  it('says whose figures are totals of their unit: a unit always, a facility kind where the catalogue says so, never a level', () => {
    expect(totalsOf(telehealth)).toEqual(['unit', 'area_health_centre']);
    expect(totalsOf(catalogue.indicators.find((i) => i.code === 'ehr_coverage')!)).toEqual(['unit']);
    expect(totalsOf(catalogue.indicators.find((i) => i.code === 'outpatient_visits')!)).toEqual([]);
    expect(totalsOf(catalogue.indicators.find((i) => i.code === 'it_level_tt54')!)).toEqual([]);
  });

  it('refuses a total reporter that does not report the indicator, and units left out of totals', () => {
    expect(check({ totals: ['unit', 'provincial_hospital'] })).toEqual(['indicators.[x]: totals must be among reported_by']);
    expect(check({ totals: ['area_health_centre'] })).toEqual(["indicators.[x]: totals must list unit: a unit's own figure is the total of what is under it"]);
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
