/**
 * The files a pack's geo build writes, keyed by path from the repository root: the boundaries
 * under geo/, and the unit table, pre-2025 references and (from a list) population under data/packs/.
 */
import type { Unit } from '../data/schema/pack.ts';
import { buildPackGeo, type PackGeo } from './build-pack.ts';
import { csvLine } from './csv.ts';
import { populationCsv } from './population.ts';
import type { PackRecipe } from './recipe.ts';

function unitsCsv(units: Unit[]): string {
  const rows = units.map((u) => csvLine([u.code, u.name, u.fullName, u.level, u.parentCode ?? '', u.areaKm2.toFixed(2)]));
  return ['code,name,full_name,level,parent_code,area_km2', ...rows].join('\n') + '\n';
}

/**
 * The files, the units they hold, what the crosswalk derivation could not place, and the communes
 * the population list gives no figure (for `pack check` and `pack build` to report). population.csv
 * is among the files only where the recipe names a list (population.ts); else it is kept by hand.
 */
export function packFiles(recipe: PackRecipe): {
  files: Map<string, string>;
  units: Unit[];
  crosswalkProblems: PackGeo['crosswalkProblems'];
  withoutPopulation: string[];
} {
  const geo = buildPackGeo(recipe);
  const population = populationCsv(recipe, geo.units);
  const files = new Map([
    [`geo/${recipe.id}/boundaries.topo.json`, JSON.stringify(geo.topology) + '\n'],
    [`data/packs/${recipe.id}/units.csv`, unitsCsv(geo.units)],
    [`data/packs/${recipe.id}/units-2024.csv`, geo.formerUnitsCsv],
    [`data/packs/${recipe.id}/crosswalk-2024-2025.csv`, geo.crosswalkCsv],
    ...(population ? [[`data/packs/${recipe.id}/population.csv`, population.csv] as [string, string]] : []),
  ]);
  return { files, units: geo.units, crosswalkProblems: geo.crosswalkProblems, withoutPopulation: population?.withoutFigure ?? [] };
}
