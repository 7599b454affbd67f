/**
 * The an-giang pack (issue 18): today's 102 communes (the former An Giang and Kiên Giang) in the 26
 * former districts' health areas, the crosswalk decisions for what the merge list does not place,
 * and the real figures of seed 003, the Sở Y tế An Giang report on digital transformation in 2022
 * (BC-SYT-AG-CDS-2022), loaded into a fresh database and read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areasWithoutPopulation, unplacedFormerUnits } from '../../data/schema/pack.ts';
import type { View } from '../../data/schema/view.ts';
import { readConfig } from '../../server/config.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const log: string[] = [];
let wall: TestWall;
beforeAll(async () => {
  const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: 'an-giang' });
  wall = await openTestWall({ packId, packDir, boundariesFile }, { log: (line) => log.push(line) });
}, 60_000);
afterAll(() => wall?.close());

const TODAY = '2026-11-20';
/** The former An Giang's 11 districts (883–894, no 885): the TTYT of seed 003's department. */
const FORMER_DEPARTMENT_CENTRES = ['883', '884', '886', '887', '888', '889', '890', '891', '892', '893', '894'].map((c) => `TTYT-${c}`);
const chipId = async (v: Partial<View> = {}) =>
  (await runView(wall.store, wall.reference, { indicators: ['chip_id_facilities'], level: 'province', grain: 'quarter', from: '2022-Q4', to: '2022-Q4', ...v } as View, TODAY)).rows;

describe('IOC_PACK=an-giang', () => {
  it('holds the 102 communes in 26 health areas, a station in each commune, a centre in each area and the hospitals seed 003 names', () => {
    const at = (level: string) => wall.pack.units.filter((u) => u.level === level);
    expect(at('commune')).toHaveLength(102);
    expect(at('area')).toHaveLength(26);
    const kinds = (kind: string) => wall.pack.facilities.filter((f) => f.kind === kind);
    expect(new Set(kinds('commune_health_station').map((f) => f.unitCode))).toEqual(new Set(at('commune').map((u) => u.code)));
    expect(new Set(kinds('area_health_centre').map((f) => f.unitCode))).toEqual(new Set(at('area').map((u) => u.code)));
    // Mục II.9: "Bệnh viện ĐKKV tỉnh An Giang", "Bệnh viện Hạnh Phúc, Bệnh viện Nhật Tân, Bệnh viện Đa khoa Trung tâm An Giang, Bệnh viện Sản Nhi".
    expect(kinds('provincial_hospital').map((f) => f.code)).toEqual(['BV-DKTT', 'BV-DKKV', 'BV-SANNHI']);
    expect(kinds('private').map((f) => f.code)).toEqual(['BV-HANHPHUC', 'BV-NHATTAN']);
    expect(wall.pack.facilities).toHaveLength(102 + 26 + 5);
  });

  it('places the whole district named by the list, and the two names spelt otherwise, by decision', () => {
    const to = (old: string) => wall.pack.crosswalk.find((c) => c.oldCommuneCode === old)?.newCommuneCode;
    // Line 2, "Huyện Kiên Hải": the four communes of district 912 in the Kiên Giang list.
    expect(['31108', '31111', '31114', '31115'].map(to)).toEqual(['31108', '31108', '31108', '31108']);
    expect(to('30328')).toBe('30316'); // line 6, "Vĩnh Nguơn" for Vĩnh Ngươn
    expect(to('30475')).toBe('30481'); // line 84, "Ô Long Vĩ" for Ô Long Vỹ
    expect(to('30742')).toBe('30742'); // Vĩnh Bảo: not named by line 12, but Phường Rạch Giá keeps its code
    expect(wall.pack.crosswalk).toHaveLength(296);
  });

  it('reports at start the four former communes left unplaced; every area has a population from its communes in the 2025 list', () => {
    expect(unplacedFormerUnits(wall.pack).map((u) => `${u.code} ${u.name}`)).toEqual(['30285 Đông Xuyên', '30334 Vĩnh Châu', '30355 Phú Hội', '30358 Phước Hưng']);
    expect(log.find((l) => l.startsWith('Bảng chuyển đổi đơn vị chưa đủ: 4 xã/phường cũ'))).toContain('30285 Đông Xuyên');
    // Issue 26: no document of the department gives An Giang's population; the list gives every commune's.
    expect(areasWithoutPopulation(wall.pack)).toEqual([]);
    expect(log.find((l) => l.startsWith('Thiếu dân số'))).toBeUndefined();
  });

  it('counts the facilities accepting chip ID cards over facilities, Σ/Σ: the report’s "100% các cơ sở y tế trực thuộc"', async () => {
    // Mục II.8 a): "100% các cơ sở y tế trực thuộc đã thực hiện khám, chữa bệnh BHYT bằng CCCD có gắn chip",
    // placed on the department's facilities the pack holds: its 3 provincial hospitals and 11 TTYT.
    const [province] = await chipId();
    expect(province).toMatchObject({ entity: { code: '91' }, numerator: 14, denominator: 14, value: 100, facts: 14, demo: false });
    const [centres] = await chipId({ facilityKind: 'area_health_centre' });
    expect(centres).toMatchObject({ numerator: 11, denominator: 11, facts: 11 });
    const facilities = await chipId({ level: 'facility' });
    expect(facilities.map((r) => r.entity.code).sort()).toEqual(['BV-DKKV', 'BV-DKTT', 'BV-SANNHI', ...FORMER_DEPARTMENT_CENTRES].sort());
  });

  it('puts no figure of the former An Giang on the former Kiên Giang’s areas', async () => {
    const areas = await chipId({ level: 'area' });
    expect(areas.map((r) => r.entity.code).sort()).toEqual(FORMER_DEPARTMENT_CENTRES.map((c) => c.slice('TTYT-'.length)));
  });
});
