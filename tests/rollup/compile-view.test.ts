import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORTING } from '../../data/schema/pack.ts';
import type { View } from '../../data/schema/view.ts';
import { compileView, type RollupReference } from '../../server/rollup/compile-view.ts';

const reference: RollupReference = {
  levels: ['province', 'area', 'commune'],
  reorganisedOn: '2025-07-01',
  indicators: new Map([
    ['ehr_coverage', { id: 1, kind: 'ratio', overTime: 'last', factor: 100, direction: 'higher_is_better', totalDimension: null, targets: [], owed: null, dueDays: 10 }],
    ['dengue_cases', { id: 2, kind: 'count', overTime: null, factor: 1, direction: 'lower_is_better', totalDimension: null, targets: [], owed: null, dueDays: 10 }],
    ['outpatient_visits', { id: 3, kind: 'count', overTime: null, factor: 1, direction: 'neutral', totalDimension: 'sex', targets: [], owed: null, dueDays: 10 }],
  ]),
  units: new Map([
    ['58', { id: 1, depth: 0, under: [1, 7, 24], facilities: 36 }],
    ['585', { id: 5, depth: 1, under: [0, 1, 4], facilities: 5 }],
    ['22810', { id: 20, depth: 2, under: [0, 0, 1], facilities: 1 }],
  ]),
  unitsById: new Map(),
  facilitiesById: new Map(),
  reporting: DEFAULT_REPORTING,
  ancestors: new Map(),
  facilityUnits: new Map(),
  population: new Map(),
  formerProvinces: null,
};
const range = { from: '2025-01-01', to: '2025-12-31' };
const view = (v: Partial<View>): View => ({ indicators: ['dengue_cases'], level: 'area', grain: 'month', from: '2025-01', to: '2025-12', ...v });

describe('compileView(view, range, reference)', () => {
  it.each([
    ['groups a unit level by the ancestor at its depth', view({ level: 'commune' }), /JOIN unit_ancestors g ON g\.unit_id = f\.unit_id AND g\.depth = \$\d+/, [2]],
    ['keeps only facts under the parent, at the parent depth', view({ level: 'commune', parent: '585' }), /JOIN unit_ancestors p ON .* p\.ancestor_id = \$\d+/, [1, 5]],
    ['groups the facility level by facility and drops unit-reported facts', view({ level: 'facility' }), /f\.facility_id IS NOT NULL/, []],
    ['buckets weeks into months by their Thursday', view({}), /CASE WHEN f\.grain = 'week' THEN f\.period_start \+ 3/, []],
    ['adds a total over the first subgroup dimension when figures come only disaggregated', view({ indicators: ['outpatient_visits'] }), /f\.subgroup LIKE \$\d+/, ['sex:%']],
    ['takes only the named subgroup when one is asked for', view({ subgroup: 'sex:female' }), /f\.subgroup = \$\d+/, ['sex:female']],
    ['takes each series\u2019 last figure for ratios of stocks', view({ indicators: ['ehr_coverage'] }), /indicator_id IN \(\$\d+\)/, []],
    ['spells out an empty list of last-figure indicators instead of NOT IN (NULL)', view({}), /NOT false/, []],
  ])('%s', (_title, v, pattern, expectedParams) => {
    const { sql, params, errors } = compileView(v, range, reference);
    expect(errors).toEqual([]);
    expect(sql).toMatch(pattern);
    for (const p of expectedParams) expect(params).toContain(p);
  });

  it('binds every value as a parameter: no codes or dates in the SQL text', () => {
    const { sql } = compileView(view({ level: 'commune', parent: '585', subgroup: 'sex:female', facilityKind: 'commune_health_station' }), range, reference);
    expect(sql).not.toMatch(/585|20\d\d-|sex:female|commune_health_station/);
  });

  it.each([
    ['an unknown indicator', view({ indicators: ['nope'] }), 'unknown indicator "nope"'],
    ['an unknown level', view({ level: 'district' }), 'unknown level "district" (levels: province, area, commune, facility)'],
    ['an unknown parent', view({ parent: '999' }), 'unknown parent unit "999"'],
    ['a parent not above the level', view({ level: 'area', parent: '585' }), 'parent 585 is not above the level area'],
  ])('returns errors as data for %s', (_title, v, error) => {
    expect(compileView(v, range, reference)).toEqual({ sql: '', params: [], errors: [error] });
  });

  it('refuses, before it runs, a view that could hold more figures than the cap, and sizes it by the units under its parent', () => {
    const days = { grain: 'day' as const, from: '2024-01-01', to: '2026-12-31' };
    const threeYears = { from: '2024-01-01', to: '2026-12-31' };
    // 36 facilities × 1,096 days (with the year before) is far past 20,000 …
    expect(compileView(view({ level: 'facility', ...days }), threeYears, reference).errors).toEqual([expect.stringMatching(/^the view could hold 78,948 figures, more than 20,000 figures: narrow it/)]);
    // … one station's days are not.
    expect(compileView(view({ level: 'facility', parent: '22810', ...days }), threeYears, reference).errors).toEqual([]);
    expect(compileView(view({ level: 'commune', parent: '585' }), range, reference).errors).toEqual([]);
  });
});
