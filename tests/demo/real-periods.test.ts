/**
 * Held-out check, with the default settings (demo figures on): every figure of the source report
 * reads exactly as printed, at the facility, its health area and the province, because demo
 * figures never enter an indicator and period that has real ones. The oracle is computed here from
 * the report's CSV and the pack's unit lists, not by the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../data/schema/period.ts';
import type { View } from '../../data/schema/view.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  // As `npm start` opens it on first start: the real figures, then demo figures up to yesterday.
  wall = await openTestWall({ demo: true });
}, 180_000);
afterAll(() => wall.close());

type Row = Record<'indicator' | 'unit' | 'facility' | 'period' | 'numerator' | 'denominator' | 'value' | 'subgroup', string>;
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];

/** Each report row with the entities it counts in: the facility, its health area, the province. */
function reportRows() {
  const dir = wall.config.packDir;
  const areaOfUnit = new Map<string, string | null>();
  for (const u of csv(join(dir, 'units.csv'))) areaOfUnit.set(u.code!, u.level === 'area' ? u.code! : u.level === 'commune' ? u.parent_code! : null);
  // A former commune counts in the area that keeps its former district's code.
  for (const u of csv(join(dir, 'units-2024.csv'))) if (u.level === 'commune') areaOfUnit.set(u.code!, u.parent_code!);
  const facilities = new Map(csv(join(dir, 'facilities.csv')).map((f) => [f.code!, f]));
  return (csv(join(dir, 'figures/bc-syt-nt-2024h1.csv')) as Row[]).map((r) => {
    const facility = r.facility ? facilities.get(r.facility)! : null;
    return { ...r, area: areaOfUnit.get(facility ? facility.unit_code! : r.unit) ?? null, kind: facility?.kind ?? null };
  });
}

type ReportRow = ReturnType<typeof reportRows>[number];
const factor = (indicator: string) => wall.catalogue.indicators.find((i) => i.code === indicator)!.factor;
const kindOf = (indicator: string) => wall.catalogue.indicators.find((i) => i.code === indicator)!.kind;

/** What a group of report rows adds up to, by the rules of the documents; null where no single figure is printed. */
function expected(rows: ReportRow[]): { value: number; numerator?: number; denominator?: number } | null {
  const indicator = rows[0]!.indicator;
  if (kindOf(indicator) === 'level') return null;
  if (kindOf(indicator) !== 'ratio') return { value: rows.reduce((s, r) => s + Number(r.value), 0) };
  if (rows.every((r) => r.numerator !== '')) {
    const numerator = rows.reduce((s, r) => s + Number(r.numerator), 0);
    const denominator = rows.reduce((s, r) => s + Number(r.denominator), 0);
    return { numerator, denominator, value: (numerator / denominator) * factor(indicator) };
  }
  return rows.length === 1 ? { value: Number(rows[0]!.value) } : null;
}

const groupBy = <T,>(list: T[], key: (t: T) => string | null) => {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
};

async function rollup(view: Partial<View>, period: Period) {
  const grain = period.grain;
  const label = view.from!;
  return (await runView(wall.store, wall.reference, { level: 'province', grain, from: label, to: label, ...view } as View, '2026-11-20')).rows;
}

describe('with demo figures on, the real periods read as BC-SYT-NT-2024H1 prints them', () => {
  it('at every facility, health area and the province, for every indicator, period and subgroup of the report', async () => {
    const rows = reportRows();
    let checked = 0;
    for (const [key, series] of groupBy(rows, (r) => `${r.indicator}|${r.period}|${r.subgroup}`)) {
      const [indicator, periodText, subgroup] = key.split('|') as [string, string, string];
      const period = parsePeriod(periodText) as Period;
      const base = { indicators: [indicator], from: periodText, ...(subgroup ? { subgroup } : {}) };
      const levels: [Partial<View>, (r: ReportRow) => string | null][] = [
        [{ level: 'province' }, () => '58'],
        [{ level: 'area' }, (r) => r.area],
        [{ level: 'facility' }, (r) => r.facility || null],
      ];
      for (const [view, entityOf] of levels) {
        const answer = await rollup({ ...base, ...view }, period);
        for (const [entity, group] of groupBy(series, entityOf)) {
          // A level is compared where all its report rows are at or below it.
          if (view.level === 'province' && series.some((r) => !entityOf(r))) continue;
          if (view.level === 'area' && rows.some((r) => r.indicator === indicator && r.period === periodText && r.area === null && r.unit === entity)) continue;
          const want = expected(group);
          if (!want) continue;
          const got = answer.find((a) => a.entity.code === entity);
          const where = `${indicator} ${periodText} ${subgroup} ${view.level} ${entity}`;
          expect(got, where).toBeDefined();
          expect(got!.demo, where).toBe(false);
          if (want.numerator !== undefined) expect({ n: got!.numerator, d: got!.denominator }, where).toEqual({ n: want.numerator, d: want.denominator });
          expect(got!.value, where).toBeCloseTo(want.value, 6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('gives Phan Rang–Tháp Chàm 100 telehealth consultations in 2024-H1, and the health centres 4,730 driver health certificates', async () => {
    const period = parsePeriod('2024-H1') as Period;
    const areas = await rollup({ indicators: ['telehealth_consultations'], level: 'area', from: '2024-H1' }, period);
    expect(areas.find((a) => a.entity.name === 'Phan Rang–Tháp Chàm')).toMatchObject({ value: 100, demo: false });
    const certificates = await rollup(
      { indicators: ['driver_certificates_linked'], facilityKind: 'area_health_centre', from: '2024-H1' },
      period,
    );
    expect(certificates).toMatchObject([{ value: 4730, demo: false }]);
  });

  it('still shows demo figures in the periods the report does not cover, marked as demo', async () => {
    const period = parsePeriod('2025-H1') as Period;
    const [province] = await rollup({ indicators: ['telehealth_consultations'], from: '2025-H1' }, period);
    expect(province).toMatchObject({ demo: true });
  });
});
