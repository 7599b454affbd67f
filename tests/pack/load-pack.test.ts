import { describe, expect, it } from 'vitest';
import { checkPack, type Pack } from '../../data/schema/pack.ts';
import { readConfig } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';
import { copyPack } from '../support/pack-copy.ts';

const pack = loadPack(readConfig({}).packDir);
const byLevel = (level: string) => pack.units.filter((u) => u.level === level);

describe('loadPack(ninh-thuan)', () => {
  it('loads a sound pack: one province, 7 health areas, 24 communes', () => {
    expect(checkPack(pack)).toEqual([]);
    expect(pack.levels.map((l) => l.id)).toEqual(['province', 'area', 'commune']);
    expect(byLevel('province').map((u) => u.name)).toEqual(['Ninh Thuận']);
    expect(byLevel('area').map((u) => u.name).sort((a, b) => a.localeCompare(b, 'vi'))).toEqual([
      'Bác Ái',
      'Ninh Hải',
      'Ninh Phước',
      'Ninh Sơn',
      'Phan Rang–Tháp Chàm',
      'Thuận Bắc',
      'Thuận Nam',
    ]);
    expect(byLevel('commune')).toHaveLength(24);
  });

  it('gives every commune exactly one parent, and that parent is a health area of 2–4 communes', () => {
    const areas = new Map(byLevel('area').map((a) => [a.code, 0]));
    for (const c of byLevel('commune')) {
      expect(areas.has(c.parentCode!), `${c.code} ${c.name}`).toBe(true);
      areas.set(c.parentCode!, areas.get(c.parentCode!)! + 1);
    }
    for (const [code, count] of areas) expect(count, `area ${code}`).toBeGreaterThanOrEqual(2);
    for (const [code, count] of areas) expect(count, `area ${code}`).toBeLessThanOrEqual(4);
  });

  it('has unique codes and NFC Vietnamese names with diacritics', () => {
    const codes = pack.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of [...pack.units, ...pack.facilities])
      expect(u.name.normalize('NFC'), u.code).toBe(u.name);
    expect(pack.units.map((u) => u.name)).toContain('Đô Vinh');
  });

  it('lists the 5 provincial hospitals, 7 area health centres and one station per commune', () => {
    const kinds = (kind: string) => pack.facilities.filter((f) => f.kind === kind);
    expect(kinds('provincial_hospital')).toHaveLength(5);
    const centres = kinds('area_health_centre');
    expect(centres.map((f) => f.unitCode).sort()).toEqual(byLevel('area').map((a) => a.code).sort());
    const stations = kinds('commune_health_station');
    expect(stations.map((f) => f.unitCode).sort()).toEqual(byLevel('commune').map((c) => c.code).sort());
  });

  it('carries population per area from BC-SYT-NT-2024H1 Bảng 2, summing to 661,543, and per commune from the 2025 list', () => {
    // Issue 26: the communes too have a population now, from the list (2025), each with its source.
    const areas = new Set(byLevel('area').map((a) => a.code));
    const ofAreas = pack.population.filter((p) => areas.has(p.unitCode));
    expect(ofAreas.reduce((s, p) => s + p.population, 0)).toBe(661_543);
    expect(ofAreas.every((p) => p.source === 'BC-SYT-NT-2024H1 Bảng 2' && p.year === 2024)).toBe(true);
    const ofCommunes = pack.population.filter((p) => !areas.has(p.unitCode));
    expect(ofCommunes.map((p) => p.unitCode).sort()).toEqual(byLevel('commune').map((c) => c.code).sort());
    expect(ofCommunes.every((p) => p.source.startsWith('Đề án sắp xếp ĐVHC cấp xã 2025') && p.year === 2025)).toBe(true);
  });

  it('maps every one of the 65 pre-2025 communes onto a post-2025 commune of the pack', () => {
    const formerCommunes = pack.formerUnits.filter((u) => u.level === 'commune');
    expect(formerCommunes).toHaveLength(65);
    expect(pack.crosswalk.map((c) => c.oldCommuneCode).sort()).toEqual(formerCommunes.map((c) => c.code).sort());
    const communes = new Set(byLevel('commune').map((c) => c.code));
    for (const row of pack.crosswalk) expect(communes.has(row.newCommuneCode), row.oldCommuneCode).toBe(true);
  });
});

describe('checkPack', () => {
  const broken = (change: (p: Pack) => void): string[] => {
    const copy = structuredClone(pack);
    change(copy);
    return checkPack(copy);
  };

  it('reports a duplicate unit code', () => {
    expect(broken((p) => p.units.push({ ...p.units[5]! }))).toContain(`unit ${pack.units[5]!.code}: code is not unique`);
  });

  it('reports a commune whose parent is missing or not one level up', () => {
    expect(broken((p) => (p.units.at(-1)!.parentCode = '999'))).toEqual([
      `unit ${pack.units.at(-1)!.code}: parent "999" is not a unit`,
    ]);
    expect(broken((p) => (p.units.at(-1)!.parentCode = '58'))).toEqual([
      `unit ${pack.units.at(-1)!.code}: parent 58 is not one level up`,
    ]);
  });

  it('reports a facility in an unknown unit and a crosswalk row onto an unknown commune', () => {
    const errors = broken((p) => {
      p.facilities[0]!.unitCode = 'X';
      p.crosswalk[0]!.newCommuneCode = 'Y';
    });
    expect(errors).toEqual([
      `facility ${pack.facilities[0]!.code}: unit "X" is not a unit`,
      `crosswalk ${pack.crosswalk[0]!.oldCommuneCode}: new commune "Y" is not a unit`,
    ]);
  });

  it('reports a facility location that is not a longitude, latitude, and a seat that is not a unit', () => {
    const errors = broken((p) => {
      p.facilities[0]!.location = [11.6, 189];
      p.seat = { unit: 'Z', note: { vi: '', en: '' } };
    });
    expect(errors).toEqual([`pack ninh-thuan: seat "Z" is not a unit`, `facility ${pack.facilities[0]!.code}: location 11.6, 189 is not a longitude, latitude`]);
  });

  it('reports a former commune whose district is no area of the pack: its figures would have nowhere to roll up', () => {
    expect(broken((p) => p.formerUnits.push({ code: '99999', name: 'Xã Thử', level: 'commune', parentCode: '999' }))).toEqual([
      'former commune 99999 Xã Thử: its district "999" is not a unit of level "area" in the pack, so its figures have nowhere to roll up',
    ]);
  });

  it('reports a name that is not NFC', () => {
    expect(broken((p) => (p.units.at(-1)!.name = 'Cà Ná'.normalize('NFD')))).toEqual([
      `unit ${pack.units.at(-1)!.code}: name is not NFC`,
    ]);
  });

  it('refuses a population written with a thousands point (73.163), never reading it as 73 people', () => {
    const dir = copyPack((file) => file('population.csv', (text) => text.replace(/^(582,2024,)170491,/m, '$1170.491,')));
    expect(() => loadPack(dir)).toThrow(/population of 582 in 2024: not a whole number written with digits only \(1000, not 1\.000\)/);
  });
});
