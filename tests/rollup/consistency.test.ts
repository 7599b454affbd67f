import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollupRow, View, ViewGrain } from '../../data/schema/view.ts';
import { loadDemoFigures } from '../../server/bootstrap.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
  await loadDemoFigures(wall.store, wall.pack, wall.catalogue, { packDir: wall.config.packDir, demoDir: wall.config.demoDir, to: '2025-12-31' });
}, 120_000);
afterAll(() => wall.close());

const rows = async (indicator: string, grain: ViewGrain, from: string, to: string, extra: Partial<View> = {}) =>
  (await runView(wall.store, wall.reference, { indicators: [indicator], level: 'area', grain, from, to, ...extra } as View, '2026-01-15')).rows;

const totals = (list: RollupRow[], area: string) => {
  const mine = list.filter((r) => r.entity.code === area);
  return { numerator: mine.reduce((s, r) => s + (r.numerator ?? 0), 0), denominator: mine.reduce((s, r) => s + (r.denominator ?? 0), 0), value: mine.reduce((s, r) => s + (r.value ?? 0), 0) };
};

describe('rollup over time', () => {
  it.each(['cashless_payment_rate', 'chip_id_lookup_success', 'outpatient_visits', 'dengue_cases'])(
    '%s: a year equals Σ of its halves, quarters and months (ratios as Σnumerator ÷ Σdenominator)',
    async (indicator) => {
      const [year, halves, quarters, months] = await Promise.all([
        rows(indicator, 'year', '2025', '2025'),
        rows(indicator, 'half', '2025-H1', '2025-H2'),
        rows(indicator, 'quarter', '2025-Q1', '2025-Q4'),
        rows(indicator, 'month', '2025-01', '2025-12'),
      ]);
      expect(year.length).toBeGreaterThan(0);
      for (const y of year) {
        for (const parts of [halves, quarters, months]) {
          const sum = totals(parts, y.entity.code);
          if (y.numerator !== null) {
            expect(sum.numerator, y.entity.name).toBe(y.numerator);
            expect(sum.denominator, y.entity.name).toBe(y.denominator);
            expect((sum.numerator / sum.denominator) * 100).toBeCloseTo(y.value!, 9);
          } else expect(sum.value, y.entity.name).toBe(y.value);
        }
      }
    },
  );

  it('reads months from the monthly summary that agree with the raw daily figures, before and after a re-send', async () => {
    const byArea = async () => {
      const [month, days] = await Promise.all([
        rows('outpatient_visits', 'month', '2025-06', '2025-06'),
        rows('outpatient_visits', 'range', '2025-06-01', '2025-06-30'),
      ]);
      expect(days.map((r) => [r.entity.code, r.value])).toEqual(month.map((r) => [r.entity.code, r.value]));
      return Object.fromEntries(month.map((r) => [r.entity.code, r.value!]));
    };
    const before = await byArea();
    const report = await ingestCsv(wall, ['outpatient_visits,,TYT-22810,2025-06-10,,,1000,sex:female,'], { demo: true });
    expect(report).toMatchObject({ status: 'committed', rowsReplaced: 1 });
    const after = await byArea();
    const [replaced] = await wall.store.query<{ value: number }>('SELECT value FROM replaced_facts WHERE batch_id = $1', [report.id]);
    expect(after['585']).toBe(before['585']! - replaced!.value + 1000);
    expect(after['584']).toBe(before['584']);

    // A real figure then takes the whole day for its indicator: no demo figure of any unit stays beside it.
    const real = await ingestCsv(wall, ['outpatient_visits,,TYT-22810,2025-06-11,,,700,sex:female,']);
    expect(real.status).toBe('committed');
    expect(real.rowsReplaced).toBeGreaterThan(50);
    const day = await rows('outpatient_visits', 'range', '2025-06-11', '2025-06-11', { level: 'province' });
    expect(day).toMatchObject([{ value: 700, facts: 1, demo: false }]);
    await byArea();
  });

  it('ehr_coverage (a ratio of stocks): a year is the last month of each series in it, not a sum', async () => {
    const year = await rows('ehr_coverage', 'year', '2025', '2025');
    expect(year.length).toBeGreaterThan(0);
    for (const y of year) {
      // The oracle, straight from the facts: each series' last figure of the year, added up over the
      // area (series of units the 2025 reorganisation replaced stop counting in a year that reaches past it).
      const [last] = await wall.store.query<{ numerator: number; denominator: number }>(
        `SELECT sum(n)::DOUBLE AS numerator, sum(d)::DOUBLE AS denominator FROM (
           SELECT arg_max(f.numerator, f.period_start) AS n, arg_max(f.denominator, f.period_start) AS d
           FROM facts f JOIN unit_ancestors a ON a.unit_id = f.unit_id AND a.depth = 1 JOIN units u ON u.id = a.ancestor_id
             JOIN units reporter ON reporter.id = f.unit_id AND reporter.era = 'current'
           WHERE f.indicator_id = (SELECT id FROM indicators WHERE code = 'ehr_coverage') AND u.code = $1
             AND f.period_start >= '2025-01-01' AND f.period_end <= '2025-12-31'
           GROUP BY f.unit_id, f.facility_id, f.subgroup)`,
        [y.entity.code],
      );
      expect(y, y.entity.name).toMatchObject(last!);
    }
  });

  it('carries the previous month and the same month a year before on each row', async () => {
    const list = await rows('outpatient_visits', 'month', '2024-11', '2025-11');
    const of = (label: string) => list.find((r) => r.entity.code === '585' && r.period.label === label)!;
    expect(of('2025-11').change).toEqual({ previous: of('2025-10').value, lastYear: of('2024-11').value });
  });

  it('answers "the 10 worst communes in the last 30 days" as one bucket of the weeks inside it, worst first', async () => {
    const view = { indicators: ['dengue_cases'], level: 'commune', grain: 'range', last: 30 } as View;
    const all = (await runView(wall.store, wall.reference, view, '2025-12-31')).rows;
    const worst = (await runView(wall.store, wall.reference, { ...view, order: 'worst', limit: 10 }, '2025-12-31')).rows;
    expect(worst).toHaveLength(10);
    expect(worst[0]!.period).toMatchObject({ start: '2025-12-02', end: '2025-12-31' });
    // Fewer cases is better, so the worst are the communes with the most; ties share a rank.
    const most = [...all].sort((a, b) => b.value! - a.value!).slice(0, 10).map((r) => r.value);
    expect(worst.map((r) => r.value)).toEqual(most);
    expect(worst.every((r) => r.demo)).toBe(true);
  });
});
