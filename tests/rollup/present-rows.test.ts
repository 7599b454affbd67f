import { describe, expect, it } from 'vitest';
import type { Target } from '../../data/schema/indicator.ts';
import type { View } from '../../data/schema/view.ts';
import { DEFAULT_REPORTING } from '../../data/schema/pack.ts';
import type { EntityRef, IndicatorRef, RollupReference } from '../../server/rollup/compile-view.ts';
import { presentRows, statusOf, targetFor, type BucketRow } from '../../server/rollup/present-rows.ts';

const province: Target = { scope: { province: true }, from_year: 2024, to_year: 2025, value: 50, source: 'KH 3648' };
const hospitals: Target = { scope: { facility_kind: 'provincial_hospital' }, from_year: 2024, to_year: 2024, value: 40, source: 'KH 1295' };
const narrower: Target = { scope: { province: true }, from_year: 2024, to_year: 2024, value: 55, source: 'BC 2024' };
const nation: Target = { scope: { nation: true }, from_year: 2021, to_year: 2030, value: 90, source: 'QĐ 5316/QĐ-BYT' };
const hospital: EntityRef = { code: 'BV-X', name: 'BV X', facilityKind: 'provincial_hospital', unitCode: '58' };
const area: EntityRef = { code: '585', name: 'Ninh Sơn', facilityKind: null, unitCode: '585' };

describe('targetFor', () => {
  it.each([
    ['a facility kind beats the province', [province, hospitals], 2024, hospital, undefined, 'KH 1295'],
    ['the view\u2019s facility kind applies to units', [province, hospitals], 2024, area, 'provincial_hospital', 'KH 1295'],
    ['the narrower span of years wins among equals', [province, narrower], 2024, area, undefined, 'BC 2024'],
    ['only targets of the bucket\u2019s year apply', [province, hospitals], 2025, hospital, undefined, 'KH 3648'],
    ['the province\u2019s own plan beats the nation\u2019s for the years it covers', [nation, province], 2025, area, undefined, 'KH 3648'],
    ['the nation\u2019s applies where the province sets none', [nation, province], 2027, area, undefined, 'QĐ 5316/QĐ-BYT'],
    ['the nation\u2019s applies to facilities too', [nation], 2027, hospital, undefined, 'QĐ 5316/QĐ-BYT'],
  ] as const)('%s', (_title, targets, year, entity, kind, source) => {
    expect(targetFor([...targets], year, entity, kind)?.source).toBe(source);
  });

  it('finds none outside the years', () => expect(targetFor([province], 2026, area, undefined)).toBeNull());
});

const indicator = (over: Partial<IndicatorRef>): IndicatorRef => ({
  id: 1, kind: 'ratio', overTime: 'sum', factor: 100, direction: 'higher_is_better', totalDimension: null, targets: [], owed: null, dueDays: 10, ...over,
});
const bucket = (over: Partial<BucketRow>): BucketRow => ({
  indicator: 'x', entity_id: 1, bucket: '2024-01-01', numerator: 1, denominator: 2, value: 50, facts: 1, uncounted: 0,
  min_value: null, max_value: null, distribution: null, demo: false, ...over,
});

describe('statusOf', () => {
  it.each([
    ['met at the target', indicator({}), bucket({ value: 40 }), 40, 'met'],
    ['near within 5% below it', indicator({}), bucket({ value: 38.1 }), 40, 'near'],
    ['below beyond that', indicator({}), bucket({ value: 37.9 }), 40, 'below'],
    ['met under a lower-is-better target', indicator({ direction: 'lower_is_better' }), bucket({ value: 3 }), 5, 'met'],
    ['none for a ratio that left rates without counts out', indicator({}), bucket({ value: 60, facts: 3, uncounted: 1 }), 40, null],
    ['levels: met when every facility meets it', indicator({ kind: 'level' }), bucket({ value: null, min_value: 5, max_value: 6 }), 5, 'met'],
    ['levels: near when some do', indicator({ kind: 'level' }), bucket({ value: null, min_value: 2, max_value: 6 }), 5, 'near'],
  ] as const)('%s', (_title, ind, row, target, status) => {
    expect(statusOf(ind, row, target)).toBe(status);
  });
});

describe('presentRows', () => {
  const reference = {
    levels: ['province', 'area', 'commune'],
    indicators: new Map([['x', indicator({ direction: 'lower_is_better' })]]),
    unitsById: new Map([1, 2, 3].map((id) => [id, { code: `u${id}`, name: `U${id}`, facilityKind: null, unitCode: `u${id}` }])),
    reporting: DEFAULT_REPORTING,
  } as unknown as RollupReference;
  const today = '2026-12-07';
  const view = { indicators: ['x'], level: 'area', grain: 'month', from: '2024-02', to: '2024-02' } as View;
  const rows = [
    bucket({ entity_id: 1, value: 5 }),
    bucket({ entity_id: 1, bucket: '2024-02-01', value: 7 }),
    bucket({ entity_id: 2, bucket: '2024-02-01', value: 3 }),
    bucket({ entity_id: 3, bucket: '2024-02-01', value: 3 }),
  ];

  it('keeps the range\u2019s buckets, ranks them (ties share a rank) and carries the previous bucket', () => {
    const out = presentRows(rows, view, { from: '2024-02-01', to: '2024-02-29' }, reference, [], today);
    expect(out.map((r) => [r.entity.code, r.rank, r.siblings])).toEqual([['u2', 1, 3], ['u3', 1, 3], ['u1', 3, 3]]);
    expect(out.find((r) => r.entity.code === 'u1')!.change).toEqual({ previous: 5, lastYear: null });
  });

  it('keeps the worst N when asked, worst first', () => {
    const out = presentRows(rows, { ...view, order: 'worst', limit: 1 }, { from: '2024-02-01', to: '2024-02-29' }, reference, [], today);
    expect(out.map((r) => r.entity.code)).toEqual(['u1']);
  });
});

describe('what a figure is', () => {
  // Province 1 → areas 2, 3 → communes 4, 5 (area 2) and 6, 7 (area 3); communes owe the figure.
  const ancestors = new Map<number, number[]>([[1, [1]], [2, [1, 2]], [3, [1, 3]], [4, [1, 2, 4]], [5, [1, 2, 5]], [6, [1, 3, 6]], [7, [1, 3, 7]]]);
  const reference = {
    levels: ['province', 'area', 'commune'],
    indicators: new Map([['x', indicator({ owed: { depth: 2 }, targets: [{ scope: { nation: true }, from_year: 2020, to_year: 2030, value: 90, source: 'QĐ 1' }] })]]),
    unitsById: new Map([1, 2, 3].map((id) => [id, { code: `u${id}`, name: `U${id}`, facilityKind: null, unitCode: `u${id}` }])),
    reporting: DEFAULT_REPORTING,
    ancestors,
    facilityUnits: new Map(),
    population: new Map([[4, 100], [5, 300], [6, 200], [7, 200]]),
    formerProvinces: null,
  } as unknown as RollupReference;
  const areas = { indicators: ['x'], level: 'area', grain: 'month', from: '2026-10', to: '2026-11' } as View;
  const october = (entity: number, value: number) => bucket({ entity_id: entity, bucket: '2026-10-01', value });
  const november = (entity: number, value: number) => bucket({ entity_id: entity, bucket: '2026-11-01', value });
  const sent = (bucket: string, ...reporters: number[]) => reporters.map((reporter) => ({ indicator: 'x', bucket, reporter, unit: null, kind: null, n: 1 }));
  const range = { from: '2026-10-01', to: '2026-11-30' };

  it('is provisional until its reports are due, whoever has reported: no status, no rank, no change', () => {
    const out = presentRows([october(2, 95), november(2, 99)], areas, range, reference, [...sent('2026-10-01', 4, 5), ...sent('2026-11-01', 4, 5)], '2026-12-07');
    const nov = out.find((r) => r.period.start === '2026-11-01')!;
    expect(nov).toMatchObject({ finality: 'provisional', due: '2026-12-10', status: null, rank: null, change: { previous: null, lastYear: null } });
    expect(nov.coverage).toEqual({ reporters: { level: 'commune' }, expected: 2, reported: 2, population: 1, formerOnly: null });
    expect(out.find((r) => r.period.start === '2026-10-01')).toMatchObject({ finality: 'final', status: 'met', rank: 1 });
    // The day after the due date, the same figure is final.
    expect(presentRows([november(2, 99)], areas, range, reference, sent('2026-11-01', 4, 5), '2026-12-11')[0]).toMatchObject({ finality: 'final', status: 'met' });
  });

  it('is partial when the people of its reporters fall short, and is ranked after the complete ones, unranked', () => {
    // Area 2 has commune 4 only (100 of 400 people); area 3 has both its communes.
    const out = presentRows([october(2, 100), october(3, 91)], { ...areas, to: '2026-10' }, range, reference, sent('2026-10-01', 4, 6, 7), '2026-12-07');
    expect(out.map((r) => [r.entity.code, r.finality, r.rank, r.status])).toEqual([['u3', 'final', 1, 'met'], ['u2', 'partial', null, null]]);
    expect(out[1]!.coverage).toMatchObject({ expected: 2, reported: 1, population: 0.25 });
    expect(out[0]!.siblings).toBe(1);
  });

  it('never keeps a figure that is not final among the worst or best N', () => {
    const out = presentRows([october(2, 10), october(3, 91)], { ...areas, to: '2026-10', order: 'worst', limit: 1 }, range, reference, sent('2026-10-01', 4, 6, 7), '2026-12-07');
    expect(out.map((r) => r.entity.code)).toEqual(['u3']);
  });

  it('counts facilities reported by kind under each entity, up to those owed there', () => {
    const facilities = {
      ...reference,
      indicators: new Map([['x', indicator({ owed: { kinds: ['commune_health_station'] } })]]),
      // Stations 10, 11 in commune 4; station 12 in commune 6.
      facilityUnits: new Map([[10, { unitId: 4, kind: 'commune_health_station' }], [11, { unitId: 4, kind: 'commune_health_station' }], [12, { unitId: 6, kind: 'commune_health_station' }]]),
    } as unknown as RollupReference;
    // Under the province (1): 2 stations from the facts, 3 more from the monthly summary (capped at the 3 owed); a private one (not owed); another entity's.
    const counts = [
      { indicator: 'x', bucket: '2026-10-01', reporter: null, unit: 1, kind: 'commune_health_station', n: 2 },
      { indicator: 'x', bucket: '2026-10-01', reporter: null, unit: 1, kind: 'private', n: 1 },
      { indicator: 'x', bucket: '2026-10-01', reporter: null, unit: 2, kind: 'commune_health_station', n: 1 },
    ];
    const out = presentRows([october(1, 10)], { ...areas, level: 'province', to: '2026-10' }, range, facilities, counts, '2026-12-07');
    expect(out[0]!.coverage).toMatchObject({ reporters: { facilities: true }, expected: 3, reported: 2, population: null });
    expect(out[0]!.finality).toBe('partial');
    const more = presentRows([october(1, 10)], { ...areas, level: 'province', to: '2026-10' }, range, facilities, [...counts, { ...counts[0]!, n: 3 }], '2026-12-07');
    expect(more[0]!.coverage).toMatchObject({ expected: 3, reported: 3 });
  });
});
