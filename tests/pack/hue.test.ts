/**
 * The hue pack (issue 18): Huế's 40 communes in the 9 former districts' health areas, with the
 * real figures of seed 004, the Sở Y tế Thừa Thiên Huế report of 07/12/2022 on IT levels under
 * TT 54/2017/TT-BYT (BC-SYT-TTH-CNTT-2022), loaded into a fresh database and read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupRow, View } from '../../data/schema/view.ts';
import { readConfig } from '../../server/config.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const log: string[] = [];
let wall: TestWall;
beforeAll(async () => {
  const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: 'hue' });
  wall = await openTestWall({ packId, packDir, boundariesFile }, { log: (line) => log.push(line) });
}, 60_000);
afterAll(() => wall?.close());

const TODAY = '2026-11-20';
const of2022 = async (indicator: string, v: Partial<View> = {}) =>
  (await runView(wall.store, wall.reference, { indicators: [indicator], level: 'province', grain: 'year', from: '2022', to: '2022', ...v } as View, TODAY)).rows;
const itLevels = async (year: string, v: Partial<View> = {}) =>
  (await runView(wall.store, wall.reference, { indicators: ['it_level_tt54'], level: 'province', grain: 'year', from: year, to: year, ...v } as View, TODAY)).rows;
const byName = (rows: RollupRow[]) => Object.fromEntries(rows.map((r) => [r.entity.name, r]));

describe('IOC_PACK=hue', () => {
  it('holds the 40 communes in 9 health areas, a station in each commune and a centre in each area', () => {
    const at = (level: string) => wall.pack.units.filter((u) => u.level === level);
    expect(at('commune')).toHaveLength(40);
    expect(at('area')).toHaveLength(9);
    const kinds = (kind: string) => wall.pack.facilities.filter((f) => f.kind === kind);
    expect(new Set(kinds('commune_health_station').map((f) => f.unitCode))).toEqual(new Set(at('commune').map((u) => u.code)));
    expect(new Set(kinds('area_health_centre').map((f) => f.unitCode))).toEqual(new Set(at('area').map((u) => u.code)));
    // "Đối tượng khảo sát": the 9 hospitals of the provincial tier (rows 1–9) and the cadres' clinic (row 20).
    expect(kinds('provincial_hospital')).toHaveLength(9);
    expect(kinds('provincial_clinic').map((f) => f.name)).toEqual(['Phòng bảo vệ sức khỏe cán bộ']);
    // Rows 19 and 21–26: provincial bodies that give no care, listed with their kind.
    expect(kinds('provincial_agency').map((f) => f.code)).toEqual(['CQ-CDC', 'CQ-VCCC', 'CQ-ATVSTP', 'CQ-KN', 'CQ-SYT', 'CQ-DSKHHGD', 'CQ-GDYK']);
    // The 26 units of the survey: 9 hospitals, the clinic, 9 TTYT and the 7 bodies.
    const surveyed = ['provincial_hospital', 'provincial_clinic', 'area_health_centre', 'provincial_agency'].flatMap(kinds);
    expect(surveyed).toHaveLength(26);
  });

  it('has a population for every area from its communes in the 2025 list, and says at start which former communes stay unplaced', () => {
    // Issue 26: no document of the department gives Huế's population; every commune's comes from the list, so no area lacks one.
    expect(log.find((l) => l.startsWith('Thiếu dân số'))).toBeUndefined();
    expect(log.find((l) => l.startsWith('Bảng chuyển đổi đơn vị chưa đủ: 6 xã/phường cũ'))).toContain('19822 Điền Hương');
  });

  it('counts the TT 54 levels of 2022 over the 19 facilities: 14 at level 2 and 5 at level 3, the report’s 74% and 26%', async () => {
    // BC-SYT-TTH-CNTT-2022, the table's column "Năm 2022", and its comment: "mức 2 … 74%; mức 3 … 26%",
    // no unit at levels 1 or 4–7. A level adds up as a count of facilities per level, never a mean.
    const [province] = await itLevels('2022');
    expect(province).toMatchObject({ facts: 19, distribution: { 2: 14, 3: 5 }, min: 2, max: 3, value: null, demo: false });
    expect(Math.round((100 * 14) / 19)).toBe(74);
    expect(Math.round((100 * 5) / 19)).toBe(26);
  });

  it('keeps each facility’s 2022 and 2020 level as the table gives it', async () => {
    const levels = async (year: string) => Object.fromEntries(Object.entries(byName(await itLevels(year, { level: 'facility' }))).map(([n, r]) => [n, r.distribution]));
    const y2022 = await levels('2022');
    const y2020 = await levels('2020');
    // Row 15, TTYT thị xã Hương Thủy: "Mức 2(4)"; row 17, TTYT huyện A Lưới: "Mức 2 (1)".
    expect(y2022['TTYT Hương Thủy']).toEqual({ 2: 1 });
    expect(y2020['TTYT Hương Thủy']).toEqual({ 4: 1 });
    expect(y2020['TTYT A Lưới']).toEqual({ 1: 1 });
    // Row 1, Bệnh viện Giao thông vận tải: "Mức 3 ()": no 2020 level, and none is made up.
    expect(y2022['BV Giao thông vận tải']).toEqual({ 3: 1 });
    expect(y2020['BV Giao thông vận tải']).toBeUndefined();
    expect(Object.keys(y2020)).toHaveLength(18);
  });

  it('counts the health centres of 2022 by tier: 7 of the 9 TTYT at level 2, Phú Vang and Phong Điền at level 3', async () => {
    // Rows 10–18 of the table, column "Năm 2022".
    const [centres] = await itLevels('2022', { facilityKind: 'area_health_centre' });
    expect(centres).toMatchObject({ facts: 9, distribution: { 2: 7, 3: 2 } });
    const areas = byName(await itLevels('2022', { level: 'area' }));
    expect(areas['Phú Vang']!.distribution).toEqual({ 3: 1 });
    expect(areas['Phong Điền']!.distribution).toEqual({ 3: 1 });
  });

  it('keeps each facility’s beds in place, and adds them up to its area and the province', async () => {
    // "Đối tượng khảo sát", column "Số giường thực kê": row 16 TTYT huyện Phú Lộc 296, row 1 Bệnh viện
    // Giao thông vận tải 150, row 3 Bệnh viện Răng Hàm Mặt 50.
    const facilities = byName(await of2022('hospital_beds', { level: 'facility' }));
    expect(facilities['TTYT Phú Lộc']!.value).toBe(296);
    expect(facilities['BV Giao thông vận tải']!.value).toBe(150);
    expect(facilities['BV Răng Hàm Mặt']!.value).toBe(50);
    // Rows 19–26 give no beds: the cadres' clinic (row 20) has none loaded, and none is made up.
    expect(facilities['Phòng BVSK cán bộ']).toBeUndefined();
    expect(Object.keys(facilities)).toHaveLength(18);
    // Phú Lộc's area holds only its centre: 296.
    expect(byName(await of2022('hospital_beds', { level: 'area' }))['Phú Lộc']).toMatchObject({ value: 296, facts: 1 });
    // The province: rows 1–9, 150 + 65 + 50 + 140 + 50 + 125 + 65 + 95 + 100 = 840, and rows 10–18,
    // 250 + 130 + 138 + 180 + 156 + 140 + 296 + 120 + 85 = 1495; 840 + 1495 = 2335.
    const [province] = await of2022('hospital_beds');
    expect(province).toMatchObject({ value: 2335, facts: 18, demo: false });
  });

  it('counts the facilities by rank: 10 at Hạng II and 8 at Hạng III', async () => {
    // Column "Xếp hạng", rows 1–18: "2. Hạng II" in rows 4, 6, 8, 9, 10, 11, 13, 15, 16, 17;
    // "3. Hạng III" in rows 1, 2, 3, 5, 7, 12, 14, 18. A rank is a level: counted per rank, never a mean.
    const [province] = await of2022('hospital_rank');
    expect(province).toMatchObject({ facts: 18, distribution: { 2: 10, 3: 8 }, min: 2, max: 3, value: null });
    const facilities = byName(await of2022('hospital_rank', { level: 'facility' }));
    expect(facilities['BV Y học cổ truyền']!.distribution).toEqual({ 2: 1 });
    expect(facilities['TTYT Nam Đông']!.distribution).toEqual({ 3: 1 });
  });

  it('counts the LIS levels of the 19 facilities: 8 basic, 7 advanced, 4 blank (none reached)', async () => {
    // Column LIS, rows 1–19: "Cơ bản" in rows 4, 9, 10, 11, 12, 16, 17, 18; "Nâng cao" in rows 1, 2,
    // 5, 8, 13, 14, 15; blank in rows 3, 6, 7, 19, read as below basic (0).
    const [province] = await of2022('lis_level_tt54');
    expect(province).toMatchObject({ facts: 19, distribution: { 0: 4, 1: 8, 2: 7 } });
    const facilities = byName(await of2022('lis_level_tt54', { level: 'facility' }));
    expect(facilities['BV Phổi']!.distribution).toEqual({ 0: 1 });
    expect(facilities['TTYT Hương Thủy']!.distribution).toEqual({ 2: 1 });
  });

  it('keeps the other TT 54 groups of 2022 as the table gives them', async () => {
    const distribution = async (indicator: string) => (await of2022(indicator))[0]!.distribution;
    // HIS: "Mức 3" in rows 1, 4, 5, 10, 14, 19, "Mức 2" in the other 13.
    expect(await distribution('his_level_tt54')).toEqual({ 2: 13, 3: 6 });
    // Infrastructure: "Mức 2" in rows 8 and 15, "Mức 1" in the other 17.
    expect(await distribution('it_infrastructure_level_tt54')).toEqual({ 1: 17, 2: 2 });
    // Management: "Nâng cao" in rows 5, 10, 15; blank in rows 7 and 18; "Cơ bản" in the other 14.
    expect(await distribution('management_software_level_tt54')).toEqual({ 0: 2, 1: 14, 2: 3 });
    // RIS/PACS and EMR are blank for every unit.
    expect(await distribution('ris_pacs_level_tt54')).toEqual({ 0: 19 });
    expect(await distribution('emr_level_tt54')).toEqual({ 0: 19 });
  });
});
