/**
 * The population of every commune, from a list of the whole country (../shared/geo-sources/
 * population_2025_communes.csv: the population each 2025 merger proposal gave the commune it formed).
 *
 * `npm run pack -- population <id> --list <csv> --source "<document>" --year <year>` keeps the pack's
 * own copy of the list's rows for its communes (geo/<id>/<list file>: code, name, province,
 * population, area; the rest of the country is not committed) and names it in the recipe
 * (`population`); then `build` writes data/packs/<id>/population.csv from it, and `check` fails
 * while the file is not what the copy makes.
 *
 * population.csv keeps every row that does not come from the list (the department's documents,
 * written by hand) as it is, then one row per commune from the list, with the recipe's source and
 * year, **except for a commune a document already gives**: a document of the department wins over
 * the list. Above the communes the server's rule decides (data/schema/population.ts): an area a
 * document gives keeps the document's figure, the others are the sums of their communes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Unit } from '../data/schema/pack.ts';
import { csvLine, readCsv } from './csv.ts';
import type { PackRecipe } from './recipe.ts';

/** The columns of the list the pack keeps (the national file has the seat and the "formed from" text as well). */
const LIST_COLUMNS = ['code', 'name', 'province_code', 'province_name', 'population', 'area_km2'] as const;
type ListRow = Record<(typeof LIST_COLUMNS)[number], string>;

const HEADER = 'unit_code,year,population,source';

export interface PopulationRow {
  unit_code: string;
  year: string;
  population: string;
  source: string;
}

/** data/packs/<id>/ of a recipe (geo/<id>/ → ../../data/packs/<id>/). */
export const packDirOf = (recipe: PackRecipe) => join(recipe.dir, '..', '..', 'data', 'packs', recipe.id);

/** The rows of the national list for these communes, as the pack keeps them; and the communes it lacks. */
export function extractList(listPath: string, communes: string[]): { csv: string; missing: string[] } {
  const wanted = new Set(communes);
  const rows = readCsv<ListRow>(listPath).filter((r) => wanted.has(r.code));
  for (const column of LIST_COLUMNS)
    if (rows.length > 0 && !(column in rows[0]!)) throw new Error(`${listPath}: thiếu cột ${column} / no column ${column}`);
  const found = new Set(rows.map((r) => r.code));
  rows.sort((a, b) => a.code.localeCompare(b.code));
  return {
    csv: [LIST_COLUMNS.join(','), ...rows.map((r) => csvLine(LIST_COLUMNS.map((c) => r[c])))].join('\n') + '\n',
    missing: communes.filter((c) => !found.has(c)),
  };
}

/** The hand-kept rows of population.csv: every row that is not the list's. */
export function documentRows(packDir: string, listSource: string | undefined): PopulationRow[] {
  const path = join(packDir, 'population.csv');
  if (!existsSync(path)) return [];
  return readCsv<PopulationRow>(path).filter((r) => r.source !== listSource);
}

/**
 * population.csv as the recipe makes it: the documents' rows as they are, then the list's row for
 * every commune no document gives. Null for a recipe without a list (the file is then kept by hand).
 */
export function populationCsv(recipe: PackRecipe, units: Unit[]): { csv: string; withoutFigure: string[] } | null {
  if (!recipe.population) return null;
  const { list, source, year } = recipe.population;
  const documents = documentRows(packDirOf(recipe), source);
  const given = new Set(documents.map((r) => r.unit_code));
  const figures = new Map(readCsv<ListRow>(join(recipe.dir, list)).map((r) => [r.code, r.population]));
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
  const listed = communes.filter((c) => !given.has(c) && /^\d+$/.test(figures.get(c) ?? ''));
  const lines = [
    HEADER,
    ...documents.map((r) => csvLine([r.unit_code, r.year, r.population, r.source])),
    ...listed.map((c) => csvLine([c, String(year), figures.get(c)!, source])),
  ];
  return {
    csv: lines.join('\n') + '\n',
    withoutFigure: communes.filter((c) => !given.has(c) && !listed.includes(c)),
  };
}
