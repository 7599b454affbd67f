/**
 * Targets belong to whoever set them (issue 18, point 3): the Ministry's for every pack, a
 * province's plans in its pack. The fixture holds the targets in force on the ninh-thuan wall,
 * taken from the code before the targets were checked by owner: the wall must judge every
 * (indicator, unit or facility, year) as it did.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACILITY_KINDS } from '../../data/schema/pack.ts';
import { readConfig } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { issuerOf, loadTargetsInto, targetFiles } from '../../server/reference/load-targets.ts';
import { targetFor } from '../../server/rollup/present-rows.ts';

const config = readConfig({});
const pack = loadPack(config.packDir);
const catalogue = loadCatalogue(config.catalogueFile);
loadTargetsInto(catalogue, pack, targetFiles(config.catalogueFile, config.packDir));
const before = JSON.parse(readFileSync(new URL('./fixtures/ninh-thuan-targets.json', import.meta.url), 'utf8')) as {
  inForce: Record<string, Record<string, Record<string, string>>>;
  listed: Record<string, string[]>;
};
const shown = (t: { value: number; source: string } | null) => (t ? `${t.value} · ${t.source}` : undefined);
// The facility kinds when the snapshot was taken: a kind added since (provincial_clinic, provincial_agency) has no "before" to equal.
const SNAPSHOT_KINDS = FACILITY_KINDS.filter((k) => k !== 'provincial_clinic' && k !== 'provincial_agency');

describe('the ninh-thuan wall after targets moved to their owners', () => {
  it('judges every indicator, unit, facility and year against the same target as before', () => {
    const entities = [
      ...pack.units.map((u) => ({ code: u.code, name: u.name, unitCode: u.code, facilityKind: null })),
      ...pack.facilities.map((f) => ({ code: f.code, name: f.name, unitCode: f.unitCode, facilityKind: f.kind })),
    ];
    let compared = 0;
    for (const indicator of catalogue.indicators)
      for (let year = 2020; year <= 2031; year++)
        for (const entity of entities)
          // A unit's row in a view filtered to a facility kind takes that kind's target.
          for (const viewKind of entity.facilityKind ? [undefined] : [undefined, ...SNAPSHOT_KINDS]) {
            const key = entity.facilityKind ?? viewKind ?? 'unit';
            expect(shown(targetFor(indicator.targets, year, entity, viewKind)), `${indicator.code} ${year} ${entity.code} ${key}`).toBe(
              before.inForce[indicator.code]?.[year]?.[key],
            );
            compared++;
          }
    expect(compared).toBeGreaterThan(20_000);
  });

  it('lists in the guide the same targets and documents as before', () => {
    const listed = Object.fromEntries(
      catalogue.indicators
        .filter((i) => i.targets.length > 0)
        .map((i) => [i.code, i.targets.map((t) => `${JSON.stringify(t.scope)} ${t.from_year}–${t.to_year} ${t.value} · ${t.source}`).sort()]),
    );
    expect(listed).toEqual(before.listed);
  });
});

describe('whose targets', () => {
  const national = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-targets-'));
    writeFileSync(join(dir, 'targets.yaml'), yaml);
    return join(dir, 'indicators.yaml');
  };

  it('reads the issuer from a document number', () => {
    expect(issuerOf('QĐ 5316/QĐ-BYT ngày 22/12/2020')).toBe('BYT');
    expect(issuerOf('TT 46/2018/TT-BYT ngày 28/12/2018')).toBe('BYT');
    expect(issuerOf('KH 3648/KH-UBND ngày 31/8/2023')).toBe('UBND');
    expect(issuerOf('KH 1295/KH-SYT ngày 04/4/2024')).toBe('SYT');
    expect(issuerOf('BC-SYT-NT-2024H1 (phấn đấu đạt trên 93%)')).toBeNull();
  });

  it('refuses a provincial target in the national file, naming the file, line, entry and field in Vietnamese and English', () => {
    const file = national(
      [
        'targets:',
        "  - { indicator: ehr_coverage, scope: { nation: true }, from_year: 2021, to_year: 2025, value: 90, source: 'QĐ 5316/QĐ-BYT' }",
        "  - { indicator: ehr_coverage, scope: { province: true }, from_year: 2023, to_year: 2025, value: 92, source: 'KH 3648/KH-UBND ngày 31/8/2023' }",
        "  - { indicator: cashless_payment_rate, scope: { nation: true }, from_year: 2024, to_year: 2025, value: 50, source: 'KH 3648/KH-UBND ngày 31/8/2023' }",
        '',
      ].join('\n'),
    );
    const load = () => loadTargetsInto(loadCatalogue(config.catalogueFile), pack, { national: join(file, '..', 'targets.yaml'), provincial: join(config.packDir, 'targets.yaml') });
    expect(load).toThrow(/targets\.yaml, dòng 3 \(mục 2\), trường scope: tệp chỉ tiêu quốc gia chỉ nhận phạm vi \{ nation: true \}.*line 3 \(entry 2\), field scope: the national targets file takes scope \{ nation: true \} only/);
    // Scope "nation" does not make a provincial plan national: its number says who issued it.
    expect(load).toThrow(/dòng 4 \(mục 3\), trường source: chỉ tiêu quốc gia phải trích văn bản của Bộ Y tế.*do UBND ban hành.*is issued by UBND/);
  });

});
