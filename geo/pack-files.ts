/**
 * The files a pack's geo build writes, keyed by path from the repository root: the boundaries
 * under geo/, and the unit table and pre-2025 references under data/packs/.
 */
import type { Unit } from '../data/schema/pack.ts';
import { buildPackGeo, type PackGeo } from './build-pack.ts';
import { csvLine } from './csv.ts';
import type { PackRecipe } from './recipe.ts';

function unitsCsv(units: Unit[]): string {
  const rows = units.map((u) => csvLine([u.code, u.name, u.fullName, u.level, u.parentCode ?? '', u.areaKm2.toFixed(2)]));
  return ['code,name,full_name,level,parent_code,area_km2', ...rows].join('\n') + '\n';
}

/** The files, the units they hold, and what the crosswalk derivation could not place (for `pack check` and `pack build` to report). */
export function packFiles(recipe: PackRecipe): { files: Map<string, string>; units: Unit[]; crosswalkProblems: PackGeo['crosswalkProblems'] } {
  const geo = buildPackGeo(recipe);
  const files = new Map([
    [`geo/${recipe.id}/boundaries.topo.json`, JSON.stringify(geo.topology) + '\n'],
    [`data/packs/${recipe.id}/units.csv`, unitsCsv(geo.units)],
    [`data/packs/${recipe.id}/units-2024.csv`, geo.formerUnitsCsv],
    [`data/packs/${recipe.id}/crosswalk-2024-2025.csv`, geo.crosswalkCsv],
  ]);
  return { files, units: geo.units, crosswalkProblems: geo.crosswalkProblems };
}
