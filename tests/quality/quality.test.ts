import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityRequest } from '../../data/schema/quality.ts';
import { runQuality } from '../../server/quality/run-quality.ts';
import { HEADER, ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

// Today for these tests (ingest's NOW is 2026-11-20 too): August and September 2026 are assessed
// (deadline: the 10th of the next month, the default for monthly indicators).
const TODAY = '2026-11-20';
let wall: TestWall;
const quality = (request: Partial<QualityRequest>) =>
  runQuality(wall.store, wall.catalogue, wall.reference, { level: 'area', indicator: 'ehr_coverage', from: '2026-08', to: '2026-09', ...request }, TODAY);
const withDay = { header: `${HEADER},reported_on` };

beforeAll(async () => {
  wall = await openTestWall();
  // Ninh Sơn's four communes report EHR coverage. August: 22810 and 22822 on time, 22813 five
  // days late, 22828 never. September: all four, 22822 three days late.
  const report = (commune: string, month: string, day: string) => `ehr_coverage,${commune},,${month},900,1000,,,,${day}`;
  for (const lines of [
    [report('22810', '2026-08', '2026-09-05'), report('22813', '2026-08', '2026-09-15'), report('22822', '2026-08', '2026-09-10')],
    [report('22810', '2026-09', '2026-10-01'), report('22813', '2026-09', '2026-10-10'), report('22822', '2026-09', '2026-10-13'), report('22828', '2026-09', '2026-10-02')],
  ])
    expect((await ingestCsv(wall, lines, withDay)).status).toBe('committed');

  // Crafted inconsistencies, elsewhere than Ninh Sơn.
  const closed = wall.pack.formerUnits.find((u) => u.parentCode === '587' && !wall.pack.units.some((c) => c.code === u.code))!;
  expect((await ingestCsv(wall, ['ehr_coverage,22786,,2026-09,120,100,,,'])).status).toBe('rejected');
  expect((await ingestCsv(wall, [`ehr_coverage,${closed.code},,2026-09,90,100,,,`])).status).toBe('rejected');
  expect((await ingestCsv(wall, ['ehr_coverage,99999,,2026-09,90,100,,,'])).status).toBe('rejected');
  expect((await ingestCsv(wall, ['ehr_coverage,22738,,2026-09,,,95.5,,'])).status).toBe('committed');
  // Bảo An's own history of EHR records: steady around 9,000 a month, then 15,000 in September.
  const history = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'].map(
    (m, i) => `ehr_coverage,22741,,${m},${9000 + (i % 3) * 40},10000,,,`,
  );
  expect((await ingestCsv(wall, [...history, 'ehr_coverage,22741,,2026-09,9950,10000,,,', 'ehr_coverage,22741,,2026-10,9060,10000,,,'])).status).toBe('committed');
}, 60_000);
afterAll(() => wall.close());

describe('completeness and timeliness', () => {
  it('counts expected, received and on-time reports of each commune by month', async () => {
    const answer = await quality({ level: 'commune', parent: '585' });
    const cell = (code: string, month: string) => answer.cells.find((c) => c.unit.code === code && c.month === month);
    expect(cell('22810', '2026-08')).toMatchObject({ expected: 1, received: 1, onTime: 1, completeness: 100, timeliness: 100 });
    expect(cell('22813', '2026-08')).toMatchObject({ expected: 1, received: 1, onTime: 0, completeness: 100, timeliness: 0 });
    expect(cell('22828', '2026-08')).toMatchObject({ expected: 1, received: 0, onTime: 0, completeness: 0 });
    expect(cell('22822', '2026-09')).toMatchObject({ received: 1, onTime: 0 });
    expect(answer.months).toEqual(['2026-08', '2026-09']);
  });

  it('rolls a unit up the way indicators do: Σ received ÷ Σ expected, not a mean of rates', async () => {
    const area = await quality({ parent: undefined });
    const ninhSon = area.units.find((u) => u.unit.code === '585')!;
    expect(ninhSon).toMatchObject({ expected: 8, received: 7, onTime: 5, completeness: 87.5, timeliness: 62.5 });
    const communes = await quality({ level: 'commune', parent: '585' });
    expect(communes.total).toMatchObject({ expected: 8, received: 7, onTime: 5 });
    const province = await quality({ level: 'province' });
    // 24 communes × 2 months; 7 from Ninh Sơn, 1 from Đô Vinh (a rate only), 2 from Bảo An.
    expect(province.total).toMatchObject({ expected: 48, received: 10 });
  });

  it('does not assess a period whose deadline has not passed', async () => {
    const answer = await quality({ from: '2026-11', to: '2026-11' });
    expect(answer.total.expected).toBe(0);
  });

  it('ranks the latest reporters: missing first, then by their longest delay', async () => {
    const answer = await quality({ parent: '585', level: 'commune' });
    expect(answer.latest.map((r) => [r.reporter.code, r.missing, r.late, r.daysLate])).toEqual([
      ['22828', 1, 0, 71],
      ['22813', 0, 1, 5],
      ['22822', 0, 1, 3],
    ]);
  });

  it('counts the reporters with missing or late reports over all of them, not the listed few', async () => {
    // Ninh Sơn: 22828 missed August, 22813 and 22822 were late once, 22810 never.
    expect((await quality({ parent: '585', level: 'commune' })).reporters).toEqual({ owing: 4, missing: 1, missingOrLate: 3 });
    // Every commune owes EHR coverage: 20 of the 24 missed a month; only 22810 sent both on time.
    const area = await quality({});
    expect(area.reporters).toEqual({ owing: 24, missing: 20, missingOrLate: 23 });
    expect(area.latest).toHaveLength(10);
  });

  it('names the reporters it lists', async () => {
    const answer = await quality({ parent: '585', level: 'commune' });
    expect(answer.latest.every((r) => r.reporter.name !== '' && !/^\d+$/.test(r.reporter.name))).toBe(true);
  });
});

describe('consistency flags', () => {
  it('do not fire on clean data', async () => {
    expect((await quality({ parent: '585', level: 'commune' })).flags).toEqual([]);
  });

  it('flag a numerator above its denominator, refused at ingest, under the unit that sent it', async () => {
    const { flags } = await quality({});
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'numerator_exceeds_denominator', entity: '22786', name: 'Bác Ái Tây', unit: { code: '584', name: 'Bác Ái' }, value: 120, against: 100, refused: true, period: '2026-09' }));
  });

  it('flag a closed unit (a 2024 commune after the reorganisation) and an unknown one', async () => {
    const { flags } = await quality({});
    const closed = wall.pack.formerUnits.find((u) => u.parentCode === '587' && !wall.pack.units.some((c) => c.code === u.code))!;
    // Named by its former name; a code in no list has none.
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'closed_unit', entity: closed.code, name: closed.name, unit: expect.objectContaining({ code: '587' }), refused: true }));
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'unknown_unit', entity: '99999', name: null, unit: null }));
    // A code in no list belongs under no unit: it is not shown when the screen is one unit's.
    expect((await quality({ parent: '587', level: 'commune' })).flags.map((f) => f.kind)).toEqual(['closed_unit']);
  });

  it('flag a rate reported without its counts', async () => {
    const { flags } = await quality({});
    expect(flags).toContainEqual(expect.objectContaining({ kind: 'rate_without_counts', entity: '22738', name: 'Đô Vinh', period: '2026-09', value: 95.5, refused: false }));
  });

  it("flag a sudden jump against the unit's own history, and not the return to normal", async () => {
    const { flags } = await quality({ from: '2026-08', to: '2026-10' });
    const jumps = flags.filter((f) => f.kind === 'sudden_jump');
    expect(jumps).toEqual([expect.objectContaining({ entity: '22741', name: 'Bảo An', period: '2026-09', value: 99.5 })]);
    expect(jumps[0]!.against).toBeCloseTo(90.4, 1);
  });
});
