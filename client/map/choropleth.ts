/**
 * What a choropleth shows, from a view's rows: each unit's colour and the legend. Pure. With a
 * target, attainment; a count, per population (per-population.ts); anything else, its value; then
 * classes between round values (classify.ts). Former units without a place on today's map are left out.
 */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { classifyByBreaks, classifyByStatus, SEQUENTIAL, type LegendItem, type Rgb } from './classify.ts';
import { perPopulation } from './per-population.ts';

export interface Choropleth {
  colours: Map<string, Rgb>;
  legend: LegendItem[];
  /** Decimals the class bounds are written with. */
  decimals: number;
  /** Counts mapped per this many people; null when values are mapped as they are. */
  per: number | null;
  /** Units with a figure but no population, drawn as without data. */
  withoutPopulation: number;
}

/** `palette`: the classes' colours, least salient first (classify.ts: the wall's, or paper's for print). */
export function choropleth(
  rows: RollupRow[],
  indicator: Pick<Indicator, 'kind' | 'direction'> | undefined,
  population: Map<string, number | null>,
  palette: Rgb[] = SEQUENTIAL,
): Choropleth {
  const placed = rows.filter((r) => !r.entity.former);
  if (placed.some((r) => r.target)) {
    // A unit whose figure has a target but no status is provisional or partial: coloured apart, never as no data or a status.
    const c = classifyByStatus(placed.some((r) => r.value !== null && r.finality !== 'final'));
    return { colours: new Map(placed.map((r) => [r.entity.code, c.colourOf(r.value, r.finality === 'final' ? r.status : null)])), legend: c.legend, decimals: 0, per: null, withoutPopulation: 0 };
  }
  const values = new Map(placed.map((r) => [r.entity.code, r.value]));
  const rates = indicator?.kind === 'count' ? perPopulation(values, population) : null;
  const shown = rates?.values ?? values;
  const c = classifyByBreaks([...shown.values()], indicator?.direction ?? 'neutral', palette);
  return {
    colours: new Map([...shown].map(([code, value]) => [code, c.colourOf(value, null)])),
    legend: c.legend,
    decimals: c.decimals,
    per: rates?.per ?? null,
    withoutPopulation: rates?.withoutPopulation ?? 0,
  };
}
