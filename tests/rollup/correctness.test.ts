import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupRow, View } from '../../data/schema/view.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

// Real figures only: every expected value here is computed by hand from BC-SYT-NT-2024H1.
let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
});
afterAll(() => wall.close());

const TODAY = '2026-11-20';
const answer = async (v: Partial<View>) =>
  (await runView(wall.store, wall.reference, { indicators: [], level: 'province', grain: 'half', from: '2024-H1', to: '2024-H1', ...v } as View, TODAY)).rows;
const byName = (rows: RollupRow[]) => Object.fromEntries(rows.map((r) => [r.entity.name, r]));

describe('rollup of the real figures', () => {
  it('gives the province EHR coverage as Σnumerators ÷ Σdenominators = 626,288 / 661,543 = 94.67% (the mean of area rates is 92.64%)', async () => {
    const [province] = await answer({ indicators: ['ehr_coverage'] });
    expect(province).toMatchObject({ numerator: 626_288, denominator: 661_543, facts: 7, demo: false });
    expect(province!.value).toBeCloseTo(94.67, 2);
    const areas = await answer({ indicators: ['ehr_coverage'], level: 'area' });
    const mean = areas.reduce((s, r) => s + r.value!, 0) / areas.length;
    expect(mean).toBeCloseTo(92.64, 2);
  });

  it('judges EHR coverage in 2024 against the 93% of BC-SYT-NT-2024H1, the narrower target, and ranks the areas', async () => {
    const areas = byName(await answer({ indicators: ['ehr_coverage'], level: 'area' }));
    expect(areas['Ninh Phước']).toMatchObject({ rank: 1, status: 'met', target: { value: 93 } });
    expect(areas['Thuận Nam']).toMatchObject({ status: 'near' }); // 92.17% is within 5% of 93%
    expect(areas['Bác Ái']).toMatchObject({ rank: 7, siblings: 7, status: 'below' });
  });

  it('sums telehealth consultations by health area as Bảng 4 counts them: Ninh Sơn 5,694; Thuận Bắc 593; Thuận Nam 73; Phan Rang–Tháp Chàm 100', async () => {
    const areas = byName(await answer({ indicators: ['telehealth_consultations'], level: 'area' }));
    expect(Object.fromEntries(Object.entries(areas).map(([name, r]) => [name, r.value]))).toEqual({
      'Ninh Sơn': 5694,
      'Thuận Bắc': 593,
      'Thuận Nam': 73,
      'Phan Rang–Tháp Chàm': 100,
    });
  });

  it('drills from an area into communes whose figures add up to the area, placing 2024 stations on today\u2019s map', async () => {
    const communes = byName(await answer({ indicators: ['telehealth_consultations'], level: 'commune', parent: '585' }));
    expect(Object.values(communes).reduce((s, r) => s + r.value!, 0)).toBe(5694);
    expect(communes['Đô Vinh']!.value).toBe(1700); // the former Nhơn Sơn station, now within Đô Vinh
  });

  it('judges cashless payment against 40% for provincial hospitals and 30% for area health centres (KH 1295/KH-SYT)', async () => {
    const facilities = byName(await answer({ indicators: ['cashless_payment_rate'], level: 'facility' }));
    expect(facilities['BV Lao và Bệnh phổi']).toMatchObject({ numerator: 1951, denominator: 4238, status: 'met', target: { value: 40 } });
    expect(facilities['BV Lao và Bệnh phổi']!.value).toBeCloseTo(46.04, 2);
    expect(facilities['TTYT Thuận Bắc']).toMatchObject({ status: 'met', target: { value: 30 } });
    expect(facilities['TTYT Ninh Sơn']).toMatchObject({ value: 8.7, status: 'below', target: { value: 30 } });
    expect(facilities['BV Đa khoa tỉnh']).toMatchObject({ value: 17.7, status: 'below', target: { value: 40 } });
    const met = Object.values(facilities).filter((r) => r.status === 'met').map((r) => r.entity.name).sort();
    expect(met).toEqual(['BV Lao và Bệnh phổi', 'BV Y Dược cổ truyền', 'TTYT Bác Ái', 'TTYT Thuận Bắc']);
  });

  it('gives no verdict where rates reported without counts had to be left out of Σnumerator ÷ Σdenominator', async () => {
    const [centres] = await answer({ indicators: ['cashless_payment_rate'], facilityKind: 'area_health_centre' });
    expect(centres).toMatchObject({ numerator: 1547, denominator: 2818, uncounted: 5, status: null, target: { value: 30 } });
  });

  it('shows IT levels as a distribution with min and max, never a mean', async () => {
    const [province] = await answer({ indicators: ['it_level_tt54'] });
    expect(province).toMatchObject({ distribution: { 2: 6, 3: 4, 6: 1 }, min: 2, max: 6, value: null });
  });
});
