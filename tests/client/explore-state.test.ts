import { describe, expect, it } from 'vitest';
import { childLevel, exploreUrl, pathTo, readExploreState, recentPeriods } from '../../client/explore/explore-state.ts';

const levels = [
  { id: 'province', name: { vi: 'Tỉnh', en: 'Province' } },
  { id: 'area', name: { vi: 'Khu vực', en: 'Area' } },
  { id: 'commune', name: { vi: 'Xã', en: 'Commune' } },
];
const units = [
  { code: '58', name: 'Ninh Thuận', level: 'province', parentCode: null },
  { code: '585', name: 'Ninh Sơn', level: 'area', parentCode: '58' },
  { code: '22810', name: 'Ninh Sơn', level: 'commune', parentCode: '585' },
];

describe('explore state', () => {
  it('round-trips through the URL, so a link reopens the same view', () => {
    const state = { indicator: 'ehr_coverage', unit: '585', period: '2024-H1' };
    expect(readExploreState(exploreUrl(state).split('?')[1]!, { indicator: 'x', unit: '58', period: '2020-01' })).toEqual(state);
  });

  it('finds the level below a unit, and facilities below the last level', () => {
    expect(childLevel(levels, 'province')).toBe('area');
    expect(childLevel(levels, 'commune')).toBe('facility');
  });

  it('lists the recent periods of a grain, newest first', () => {
    expect(recentPeriods('half', '2024-11-20', 3)).toEqual(['2024-H2', '2024-H1', '2023-H2']);
    expect(recentPeriods('month', '2025-01-15', 2)).toEqual(['2025-01', '2024-12']);
  });

  it('builds the breadcrumb from the province down', () => {
    expect(pathTo(units, '22810').map((u) => u.code)).toEqual(['58', '585', '22810']);
  });
});
