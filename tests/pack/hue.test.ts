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
  });

  it('says at start that no document gives its population, and which former communes stay unplaced', () => {
    expect(log.find((l) => l.startsWith('Thiếu dân số của 9 khu vực'))).toContain('481 A Lưới');
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
});
