/**
 * Scores from the wall's own rollup, on a real store with a handful of figures, every number
 * computed by hand: an area's value is Σnumerator ÷ Σdenominator of its communes (never the mean
 * of their rates), then normalised; missing indicators are said; a what-if moves exactly the
 * component it touches, the total and the ranks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresFromQuery, type ScoresAnswer, type ScoredUnit } from '../../data/schema/scores.ts';
import { runScores } from '../../server/scores/run-scores.ts';
import { ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
  const report = await ingestCsv(wall, [
    // Ninh Sơn (585): two communes with different denominators, 90% of 100 and 50% of 1,000.
    'ehr_coverage,22810,,2026-03,90,100,,,',
    'ehr_coverage,22813,,2026-03,500,1000,,,',
    // Phan Rang–Tháp Chàm (582): one commune at 95%.
    'ehr_coverage,22738,,2026-03,950,1000,,,',
    // Full immunisation by the commune stations: 45/50 = 90% in Ninh Sơn, 40/50 = 80% in Phan Rang.
    'full_immunisation_coverage,,TYT-22810,2026-03,45,50,,,',
    'full_immunisation_coverage,,TYT-22738,2026-03,40,50,,,',
  ]);
  expect(report.status).toBe('committed');
}, 120_000);
afterAll(() => wall.close());

const ask = async (query: Record<string, string | string[]>): Promise<ScoresAnswer> => {
  const { request, errors } = scoresFromQuery(query, wall.scoreScheme, wall.catalogue);
  if (!request) throw new Error(errors.join('; '));
  return runScores({ store: wall.store, pack: wall.pack, catalogue: wall.catalogue, reference: wall.reference, scheme: wall.scoreScheme }, request, '2026-11-20');
};
const unit = (a: ScoresAnswer, code: string) => a.units.find((u) => u.code === code)!;
const component = (u: ScoredUnit, code: string) => u.components.find((c) => c.component === code)!;

// Ninh Sơn's EHR coverage: (90 + 500) ÷ (100 + 1,000) = 53.636…%; the mean of the rates would be 70%.
const ninhSonEhr = (590 / 1100) * 100;
// Normalised against the target in force in 2026 (QĐ 5316/QĐ-BYT: 95%): 100 · 53.636 / 95 = 56.459.
const ninhSonInformation = (100 * ninhSonEhr) / 95;

describe('scores over the rollup (2026-03, areas)', () => {
  it('uses the area\u2019s Σnumerator ÷ Σdenominator, then normalises it: 56.459, not the 73.684 a mean of rates gives', async () => {
    const a = await ask({ level: 'area', period: '2026-03', draws: '0' });
    const ehr = component(unit(a, '585'), 'information').indicators.find((i) => i.indicator === 'ehr_coverage')!;
    expect(ehr).toMatchObject({ numerator: 590, denominator: 1100, target: { value: 95 }, goalposts: { worst: 0, best: 95, from: 'target' } });
    expect(ehr.value).toBeCloseTo(ninhSonEhr, 6);
    expect(ehr.normalised).toBeCloseTo(ninhSonInformation, 3);
    expect(ehr.normalised).not.toBeCloseTo((100 * 70) / 95, 1);
    expect(component(unit(a, '585'), 'information').score).toBeCloseTo(ninhSonInformation, 3);
  });

  it('says which indicators are missing and why, and scores the components over those present', async () => {
    const a = await ask({ level: 'area', period: '2026-03', draws: '0' });
    const ninhSon = unit(a, '585');
    const information = component(ninhSon, 'information');
    expect(Object.fromEntries(information.missing.map((m) => [m.indicator, m.reason]))).toEqual({
      chip_id_lookup_success: 'no_figure',
      emr_facilities: 'not_in_grain',
      eprescription_signing: 'not_in_grain',
      station_info_system: 'not_in_grain',
      chip_id_facilities: 'not_in_grain',
    });
    expect(information.missing.find((m) => m.indicator === 'emr_facilities')!.message.en).toContain('Reported quarterly');
    expect(information.indicators.find((i) => i.indicator === 'ehr_coverage')!.share).toBe(1);
    expect(ninhSon.missingComponents).toEqual(['financing', 'workforce', 'infrastructure']);
    expect(ninhSon.complete).toBe(false);
    // Immunisation: 45/50 = 90% on 0–100 → 90. Total (arithmetic, equal weights): (56.459 + 90) / 2.
    expect(component(ninhSon, 'immunisation').score).toBeCloseTo(90, 6);
    expect(ninhSon.total).toBeCloseTo((ninhSonInformation + 90) / 2, 3);
    // Phan Rang–Tháp Chàm: 95% at the target → 100; immunisation 80 → total 90, ranked first.
    expect(unit(a, '582')).toMatchObject({ total: 90, rank: 1 });
    expect(ninhSon.rank).toBe(2);
    // Areas with no figure at all are listed, without a total or a rank.
    expect(a.units).toHaveLength(7);
    expect(unit(a, '584')).toMatchObject({ total: null, rank: null });
    expect(a.notes.map((n) => n.en).join(' ')).toContain('nothing is imputed');
    expect(a.demo).toBe(false);
  });

  it('aggregates geometrically when asked: √(56.459 · 90)', async () => {
    const a = await ask({ level: 'area', period: '2026-03', method: 'geometric', draws: '0' });
    expect(unit(a, '585').total).toBeCloseTo(Math.sqrt(ninhSonInformation * 90), 3);
    expect(a.scheme).toMatchObject({ method: 'geometric', defaultMethod: 'arithmetic', changed: true, equalByDefault: true });
  });

  it('takes weights from the URL: (3 · 56.459 + 90) / 4', async () => {
    const a = await ask({ level: 'area', period: '2026-03', 'w.information': '3', draws: '0' });
    expect(unit(a, '585').total).toBeCloseTo((3 * ninhSonInformation + 90) / 4, 3);
    expect(component(unit(a, '585'), 'information').share).toBeCloseTo(0.75, 6);
  });

  it('scores communes from their own figures', async () => {
    const a = await ask({ level: 'commune', parent: '585', period: '2026-03', draws: '0' });
    expect(a.units).toHaveLength(4);
    expect(component(unit(a, '22810'), 'information').score).toBeCloseTo((100 * 90) / 95, 3);
    expect(component(unit(a, '22813'), 'information').score).toBeCloseTo((100 * 50) / 95, 3);
    expect(unit(a, '22810').rank).toBe(1);
    // Cashless payments come from hospitals and area health centres, which no commune holds; doctors per 10,000 from areas.
    expect(component(unit(a, '22810'), 'financing').missing).toMatchObject([{ reason: 'not_at_level', message: { en: 'Reported for the health area level and above only.' } }]);
    expect(component(unit(a, '22810'), 'workforce').missing.map((m) => [m.indicator, m.reason])).toEqual([
      ['doctors_per_10k', 'not_at_level'],
      ['station_doctor_coverage', 'not_in_grain'],
    ]);
  });
});

describe('what-if at the level being scored', () => {
  it('moves exactly the component it touches, the total and the ranks, and says other components are not modelled', async () => {
    // Ninh Sơn's EHR coverage at 95%: information 100; immunisation stays 90; total 95 > Phan Rang's 90.
    const a = await ask({ level: 'area', period: '2026-03', set: 'ehr_coverage:585:95', draws: '0' });
    const w = a.whatIf!;
    expect(w.sets).toEqual([{ indicator: 'ehr_coverage', unit: '585', value: 95, name: 'Ninh Sơn', was: expect.closeTo(ninhSonEhr, 6) }]);
    const ninhSon = w.units.find((u) => u.code === '585')!;
    expect(ninhSon.before.components.information).toBeCloseTo(ninhSonInformation, 3);
    expect(ninhSon.after.components).toEqual({ ...ninhSon.before.components, information: 100 });
    expect(ninhSon.after.total).toBe(95);
    expect([ninhSon.before.rank, ninhSon.after.rank]).toEqual([2, 1]);
    const phanRang = w.units.find((u) => u.code === '582')!;
    expect(phanRang.after).toEqual({ ...phanRang.before, rank: 2 });
    expect(w.otherComponents).toBe('not_modelled');
    expect(w.notes.map((n) => n.en).join(' ')).toContain('Other components are not modelled');
    expect(w.notes.map((n) => n.en).join(' ')).toContain('does not flow up or down');
    // The ranking itself stays the rollup's.
    expect(unit(a, '585')).toMatchObject({ rank: 2 });
    expect(component(unit(a, '585'), 'information').indicators.find((i) => i.indicator === 'ehr_coverage')!.whatIf).toEqual({ value: 95, normalised: 100 });
  });

  it('reaches other components only through an elasticity that is set: 90 + 0.1 · (100 − 56.459)', async () => {
    const a = await ask({ level: 'area', period: '2026-03', set: 'ehr_coverage:585:95', el: 'information:immunisation:0.1', draws: '0' });
    const ninhSon = a.whatIf!.units.find((u) => u.code === '585')!;
    const immunisation = 90 + 0.1 * (100 - ninhSonInformation);
    expect(ninhSon.after.components.immunisation).toBeCloseTo(immunisation, 3);
    expect(ninhSon.indirect.immunisation).toBeCloseTo(0.1 * (100 - ninhSonInformation), 3);
    expect(ninhSon.after.total).toBeCloseTo((100 + immunisation) / 2, 3);
    expect(a.whatIf!.otherComponents).toBe('elasticities');
    expect(a.whatIf!.elasticities).toEqual([{ from: 'information', to: 'immunisation', coefficient: 0.1, citation: null }]);
  });

  it('refuses a what-if for a unit that is not at the level scored', async () => {
    await expect(ask({ level: 'area', period: '2026-03', set: 'ehr_coverage:22810:95' })).rejects.toThrow(/set: "22810" is not a unit of the level area/);
  });
});
