/**
 * What the explore screen shows, as data that lives in the URL (so a link reopens it), and the
 * pure selectors over it: the level below a unit, the path from the province down to it.
 */
import type { Level } from '../../data/schema/pack.ts';
import { formatPeriod, periodOf, type Grain } from '../../data/schema/period.ts';
import { isScoreParam } from '../scores/score-settings.ts';

export interface ExploreState {
  indicator: string;
  /** The unit drilled into. */
  unit: string;
  /** One period in any grain: 2026-10, 2026-Q3, 2024-H1, 2025. */
  period: string;
  /** The subgroup dimension the figures are broken down by (sex, type, tier), if any. */
  by?: string;
  /** The scores' weights, goalposts, method and what-ifs, as GET /api/scores's parameters (a query string). */
  scores?: string;
}

export interface UnitNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export function readExploreState(search: string, defaults: ExploreState): ExploreState {
  const params = new URLSearchParams(search);
  return {
    indicator: params.get('indicator') ?? defaults.indicator,
    unit: params.get('unit') ?? defaults.unit,
    period: params.get('period') ?? defaults.period,
    ...(params.get('by') ? { by: params.get('by')! } : {}),
    ...scoresOf(params),
  };
}

function scoresOf(params: URLSearchParams): Pick<ExploreState, 'scores'> {
  const scores = new URLSearchParams([...params].filter(([key]) => isScoreParam(key))).toString();
  return scores ? { scores } : {};
}

export function exploreUrl(state: ExploreState): string {
  const params = new URLSearchParams({ indicator: state.indicator, unit: state.unit, period: state.period, ...(state.by ? { by: state.by } : {}) });
  return `/explore?${params}${state.scores ? `&${state.scores}` : ''}`;
}

/** The `count` periods of a grain up to the one holding `day`, newest first. */
export function recentPeriods(grain: Grain, day: string, count: number): string[] {
  const list: string[] = [];
  for (let p = periodOf(grain, day); list.length < count; ) {
    list.push(formatPeriod(p));
    const before = new Date(Date.parse(`${p.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    p = periodOf(grain, before);
  }
  return list;
}

/** The level a unit's children are at, or "facility" below the last level. */
export function childLevel(levels: Level[], level: string): string {
  const at = levels.findIndex((l) => l.id === level);
  return levels[at + 1]?.id ?? 'facility';
}

/** The units from the top down to `code`, for the breadcrumb. */
export function pathTo(units: UnitNode[], code: string): UnitNode[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const path: UnitNode[] = [];
  for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined) path.unshift(u);
  return path;
}
