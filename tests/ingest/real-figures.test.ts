import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
});
afterAll(() => wall.close());

const byIndicator = (code: string, where = 'true') =>
  wall.store.query(
    `SELECT sum(numerator) AS numerator, sum(denominator) AS denominator, sum(value) AS value, count(*)::INTEGER AS facts
     FROM facts f JOIN indicators i ON i.id = f.indicator_id WHERE i.code = '${code}' AND ${where}`,
  );

describe('the real figures of BC-SYT-NT-2024H1, loaded on first start', () => {
  it('give the province EHR coverage for the first half of 2024 as 626,288 / 661,543 = 94.67%, not the mean of district rates', async () => {
    const [ehr] = await byIndicator('ehr_coverage', "grain = 'half' AND period_start = '2024-01-01'");
    expect(ehr).toMatchObject({ numerator: 626_288, denominator: 661_543, facts: 7 });
    expect(((ehr!.numerator as number) / (ehr!.denominator as number)) * 100).toBeCloseTo(94.67, 2);
    const rates = await wall.store.query<{ r: number }>(
      "SELECT avg(numerator / denominator * 100) AS r FROM facts f JOIN indicators i ON i.id = f.indicator_id WHERE i.code = 'ehr_coverage'",
    );
    expect(rates[0]!.r).toBeCloseTo(92.64, 1);
  });

  it('keep a citation (document and table) on every figure, and none is demo', async () => {
    const sources = await wall.store.query<{ source: string; is_demo: boolean }>('SELECT DISTINCT source, is_demo FROM facts');
    expect(sources.length).toBeGreaterThan(5);
    for (const s of sources) {
      expect(s.source).toMatch(/^BC-SYT-NT-2024H1 (Bảng \d|mục II\.\d+)/);
      expect(s.is_demo).toBe(false);
    }
  });

  it('put telehealth consultations of 2024 stations on their health areas as the report counts them', async () => {
    const areas = await wall.store.query<{ area: string; value: number }>(
      `SELECT a.name AS area, sum(f.value) AS value FROM facts f JOIN indicators i ON i.id = f.indicator_id
       JOIN unit_ancestors x ON x.unit_id = f.unit_id AND x.depth = 1 JOIN units a ON a.id = x.ancestor_id
       WHERE i.code = 'telehealth_consultations' GROUP BY a.name ORDER BY a.name`,
    );
    expect(Object.fromEntries(areas.map((r) => [r.area, r.value]))).toEqual({
      'Ninh Sơn': 5694,
      'Phan Rang–Tháp Chàm': 100,
      'Thuận Bắc': 593,
      'Thuận Nam': 73,
    });
  });

  it('keep Bảng 1 cashless rates, with counts where the report gives them (Lao và Bệnh phổi 1.951/4.238)', async () => {
    const [lbp] = await byIndicator('cashless_payment_rate', "facility_id = (SELECT id FROM facilities WHERE code = 'BV-LBP') AND grain = 'half'");
    expect(lbp).toMatchObject({ numerator: 1951, denominator: 4238 });
    const [dkt2023] = await byIndicator('cashless_payment_rate', "facility_id = (SELECT id FROM facilities WHERE code = 'BV-DKT') AND grain = 'year'");
    expect(dkt2023).toMatchObject({ numerator: null, denominator: null, value: 11 });
  });
});
