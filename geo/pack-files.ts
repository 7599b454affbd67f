/**
 * The files a pack's geo build writes, keyed by path from the repository root: the boundaries
 * under geo/, and the unit table and pre-2025 references under data/packs/.
 */
import type { Unit } from '../data/schema/pack.ts';
import { buildPackGeo, type PackRecipe } from './build-pack.ts';

function unitsCsv(units: Unit[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = units.map((u) =>
    [u.code, u.name, u.fullName, u.level, u.parentCode ?? '', u.areaKm2.toFixed(2)].map(quote).join(','),
  );
  return ['code,name,full_name,level,parent_code,area_km2', ...rows].join('\n') + '\n';
}

export function packFiles(recipe: PackRecipe): Map<string, string> {
  const geo = buildPackGeo(recipe);
  return new Map([
    [`geo/${recipe.id}/boundaries.topo.json`, JSON.stringify(geo.topology) + '\n'],
    [`data/packs/${recipe.id}/units.csv`, unitsCsv(geo.units)],
    [`data/packs/${recipe.id}/units-2024.csv`, geo.formerUnitsCsv],
    [`data/packs/${recipe.id}/crosswalk-2024-2025.csv`, geo.crosswalkCsv],
  ]);
}
