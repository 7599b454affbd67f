import { describe, expect, it } from 'vitest';
import type { RollupRow } from '../../data/schema/view.ts';
import { choropleth } from '../../client/map/choropleth.ts';
import { classifyByBreaks, NO_DATA, PENDING, SEQUENTIAL, STATUS_COLOURS } from '../../client/map/classify.ts';
import { niceBreaks } from '../../client/map/nice-breaks.ts';
import { levelWithPopulation, perPopulation } from '../../client/map/per-population.ts';

const row = (code: string, value: number | null, extra: Partial<RollupRow> = {}): RollupRow =>
  ({ indicator: 'x', entity: { code, name: code, facilityKind: null }, value, target: null, status: null, finality: 'final', ...extra }) as RollupRow;

describe('niceBreaks(values) → round breaks', () => {
  it('puts percentages between 91 and 98 at whole points, never 0,1 apart', () => {
    const { breaks, decimals } = niceBreaks([91.1, 94.8, 95.8, 96.2, 96.2, 96.2, 98.2]);
    expect(decimals).toBe(0);
    for (const b of breaks) expect(Number.isInteger(b)).toBe(true);
    expect(breaks.length).toBeGreaterThanOrEqual(2);
  });

  it('steps by factors (1–3–10–30) over values that spread over orders of magnitude (rates of a disease)', () => {
    const { breaks } = niceBreaks([0.3, 0.8, 1.2, 1.9, 2.5, 4, 6, 9, 14, 22, 35, 48]);
    expect(breaks).toEqual([1, 3, 10, 30]);
  });

  it('places round breaks where the units are, so the classes hold about as many each', () => {
    expect(niceBreaks([512, 530, 561, 588, 604, 640, 702]).breaks).toEqual([560, 580, 600, 620]);
  });

  it('keeps every break inside the data: the first class has values under it, the last values at or above it', () => {
    const values = [512, 530, 561, 588, 604, 640, 702];
    const { breaks } = niceBreaks(values);
    for (const b of breaks) {
      expect(b).toBeGreaterThan(Math.min(...values));
      expect(b).toBeLessThanOrEqual(Math.max(...values));
    }
  });

  it('gives one class (no breaks) for equal values or a single one, and ignores nulls and NaN', () => {
    expect(niceBreaks([7, 7, 7]).breaks).toEqual([]);
    expect(niceBreaks([null, 3, Number.NaN]).breaks).toEqual([]);
    expect(niceBreaks([]).breaks).toEqual([]);
  });

  it('never gives more than the classes asked for', () => {
    expect(niceBreaks(Array.from({ length: 100 }, (_, i) => i * 1.37), 4).breaks.length).toBeLessThanOrEqual(3);
  });
});

describe('classifyByBreaks(values, direction) → the worse end most salient', () => {
  const values = [10, 20, 30, 40, 50, 60, 70, 80, 90];
  const classes = (c: ReturnType<typeof classifyByBreaks>) => c.legend.filter((l) => !l.noData);

  it('gives the lowest values the most salient colour when higher is better', () => {
    const c = classifyByBreaks(values, 'higher_is_better');
    expect(c.colourOf(10, null)).toEqual(SEQUENTIAL.at(-1));
    expect(c.colourOf(90, null)).toEqual(SEQUENTIAL[0]);
  });

  it('gives the highest values the most salient colour when lower is better, and when neutral', () => {
    for (const direction of ['lower_is_better', 'neutral'] as const) {
      const c = classifyByBreaks(values, direction);
      expect(c.colourOf(90, null)).toEqual(SEQUENTIAL.at(-1));
      expect(c.colourOf(10, null)).toEqual(SEQUENTIAL[0]);
    }
  });

  it('opens the first class below and the last above, so no class claims a value past the data', () => {
    const c = classes(classifyByBreaks([91.1, 94.8, 95.8, 96.2, 96.2, 96.2, 98.2], 'higher_is_better'));
    expect(c[0]!.from).toBeUndefined();
    expect(c.at(-1)!.to).toBeUndefined();
    expect(c.some((l) => l.to === 100)).toBe(false);
  });

  it('ends the legend with the no-data colour, and colours a missing value with it', () => {
    const c = classifyByBreaks([1, null, 5], 'neutral');
    expect(c.legend.at(-1)).toEqual({ colour: NO_DATA, noData: true });
    expect(c.colourOf(null, null)).toEqual(NO_DATA);
    expect(classifyByBreaks([null, null], 'neutral').legend).toEqual([{ colour: NO_DATA, noData: true }]);
  });
});

describe('perPopulation(counts, population) → rates', () => {
  it('maps counts per 10.000 people, and a unit without population to no value', () => {
    const rates = perPopulation(new Map([['a', 500], ['b', 300], ['c', 40]]), new Map([['a', 100_000], ['b', 50_000], ['c', null]]));
    expect(rates.per).toBe(10_000);
    expect(rates.values.get('a')).toBe(50);
    expect(rates.values.get('b')).toBe(60);
    expect(rates.values.get('c')).toBeNull();
    expect(rates.withoutPopulation).toBe(1);
  });

  it('maps rare counts per 100.000 people, when most rates per 10.000 are under 1', () => {
    const rates = perPopulation(new Map([['a', 3], ['b', 1], ['c', 12]]), new Map([['a', 170_000], ['b', 50_000], ['c', 120_000]]));
    expect(rates.per).toBe(100_000);
    expect(rates.values.get('c')).toBeCloseTo(10, 9);
  });

  it('chooses the level whose units all have a population, nearest to the one wanted', () => {
    const units = [
      { level: 'province', population: { value: 3 } },
      { level: 'area', population: { value: 1 } },
      { level: 'area', population: { value: 2 } },
      { level: 'commune', population: null },
      { level: 'commune', population: { value: 1 } },
    ];
    expect(levelWithPopulation(['province', 'area', 'commune'], 'commune', units)).toBe('area');
    expect(levelWithPopulation(['province', 'area', 'commune'], 'area', units)).toBe('area');
    expect(levelWithPopulation(['province', 'area', 'commune'], 'commune', units.slice(0, 1))).toBe('commune');
  });

  it('falls back to the nearest level where some units have a population, when none has it for all', () => {
    // A pack whose documents give the population of some areas only: those are drawn, the rest shown without population.
    const units = [
      { level: 'province', population: null },
      { level: 'area', population: { value: 1 } },
      { level: 'area', population: null },
      { level: 'commune', population: null },
      { level: 'commune', population: null },
    ];
    expect(levelWithPopulation(['province', 'area', 'commune'], 'commune', units)).toBe('area');
    expect(levelWithPopulation(['province', 'area', 'commune'], 'commune', units.map((u) => ({ ...u, population: null })))).toBe('commune');
  });
});

describe('choropleth(rows, indicator, population)', () => {
  const population = new Map<string, number | null>([['a', 100_000], ['b', 200_000], ['c', null]]);

  it('maps a count per population, said in `per`, and a unit without population as no data', () => {
    const c = choropleth([row('a', 1000), row('b', 1000), row('c', 50)], { kind: 'count', direction: 'neutral' }, population);
    expect(c.per).toBe(10_000);
    expect(c.withoutPopulation).toBe(1);
    expect(c.colours.get('c')).toEqual(NO_DATA);
    // 100 per 10.000 in a is more than 50 in b: more salient, though the counts are equal.
    expect(SEQUENTIAL.indexOf(c.colours.get('a')!)).toBeGreaterThan(SEQUENTIAL.indexOf(c.colours.get('b')!));
  });

  it('maps a ratio as it is, and by attainment when there is a target', () => {
    expect(choropleth([row('a', 90), row('b', 95)], { kind: 'ratio', direction: 'higher_is_better' }, population).per).toBeNull();
    const judged = choropleth([row('a', 90, { target: { value: 95, source: 's' }, status: 'below' })], { kind: 'ratio', direction: 'higher_is_better' }, population);
    expect(judged.legend.map((l) => l.status ?? 'no data')).toEqual(['met', 'near', 'below', 'no data']);
    // A figure that is not final has a target but no status: its own colour, named in the legend, neither a status nor no data.
    const pending = choropleth([row('a', 90, { target: { value: 95, source: 's' }, finality: 'provisional' }), row('b', 96, { target: { value: 95, source: 's' }, status: 'met' })], { kind: 'ratio', direction: 'higher_is_better' }, population);
    expect(pending.legend.map((l) => l.status ?? (l.pending ? 'pending' : 'no data'))).toEqual(['met', 'near', 'below', 'pending', 'no data']);
    expect(pending.colours.get('a')).toEqual(PENDING);
    expect(pending.colours.get('b')).toEqual(STATUS_COLOURS.met);
  });

  it('leaves out former units the crosswalk places nowhere', () => {
    const c = choropleth([row('a', 90), row('old', 10, { entity: { code: 'old', name: 'old', facilityKind: null, former: true } })], { kind: 'ratio', direction: 'neutral' }, population);
    expect([...c.colours.keys()]).toEqual(['a']);
  });
});
