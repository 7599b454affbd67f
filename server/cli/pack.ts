/**
 * `npm run pack -- <command>`: province packs as data (docs/adding-a-province.md).
 *   new <id> --communes <geojson> --units <csv>[,<csv>] --merges <csv> [--provinces <geojson>] [--name <tên>]
 *       scaffolds geo/<id>/ and data/packs/<id>/ from the sources, builds, and checks;
 *   build [<id>]   rebuilds the boundaries, units, former units, crosswalk (and population, from the
 *                  pack's copy of the list) of one pack (all without an id);
 *   population <id> --list <csv> --source <document> --year <year>
 *                  keeps the list's rows for the pack's communes (geo/<id>/), names the list in the
 *                  recipe, and writes population.csv: the documents' rows, then the list's for every
 *                  commune no document gives (geo/population.ts); then checks;
 *   check <id>     says what is missing or doubtful, in Vietnamese and English.
 * Exit code 0 when done (check: the pack is usable), 1 when refused or failed, 2 on bad usage.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPackFiles, formatFindings } from '../../geo/check-pack.ts';
import { newPack } from '../../geo/new-pack.ts';
import { packFiles } from '../../geo/pack-files.ts';
import { csvLine } from '../../geo/csv.ts';
import { documentRows, extractList, packDirOf } from '../../geo/population.ts';
import { loadRecipe, recipeFile, recipeIds } from '../../geo/recipe.ts';
import { repoRoot } from '../config.ts';

const USAGE = `usage:
  npm run pack -- new <id> --communes <geojson> --units <csv>[,<csv>] --merges <csv> [--provinces <geojson>] [--name <tên tỉnh>]
  npm run pack -- build [<id>]
  npm run pack -- population <id> --list <csv> --source "<văn bản>" --year <năm>
  npm run pack -- check <id>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    communes: { type: 'string' },
    units: { type: 'string' },
    merges: { type: 'string' },
    provinces: { type: 'string' },
    name: { type: 'string' },
    list: { type: 'string' },
    source: { type: 'string' },
    year: { type: 'string' },
  },
});
const [command, id, ...rest] = positionals;

function build(pack: string): void {
  const { files, crosswalkProblems, withoutPopulation } = packFiles(loadRecipe(pack));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(repoRoot, path)), { recursive: true });
    writeFileSync(join(repoRoot, path), content);
    console.log(`${path}  ${(Buffer.byteLength(content) / 1024).toFixed(1)} KiB`);
  }
  if (withoutPopulation.length > 0)
    console.log(`${pack}: ${withoutPopulation.length} xã/phường không có dân số trong danh sách / communes the list gives no population: ${withoutPopulation.join(', ')}`);
  if (crosswalkProblems.length > 0)
    console.log(`${pack}: bảng chuyển đổi còn ${crosswalkProblems.length} vấn đề (npm run pack -- check ${pack}) / the crosswalk has ${crosswalkProblems.length} problems (npm run pack -- check ${pack})`);
}

/** `population`: the pack's copy of the list, the recipe's `population`, then build (population.csv among its files). */
function population(pack: string, list: string, source: string, year: number): void {
  const recipe = loadRecipe(pack);
  const { units } = packFiles(recipe);
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
  const copy = extractList(list, communes);
  writeFileSync(join(recipe.dir, basename(list)), copy.csv);
  // Rows of a list named otherwise before are the list's, not a document's: they go.
  if (recipe.population && recipe.population.source !== source) {
    const kept = documentRows(packDirOf(recipe), recipe.population.source);
    writeFileSync(join(packDirOf(recipe), 'population.csv'), ['unit_code,year,population,source', ...kept.map((r) => csvLine([r.unit_code, r.year, r.population, r.source]))].join('\n') + '\n');
  }
  // The recipe keeps its own layout: the entry is replaced where it stands, or added at the end.
  const file = recipeFile(pack);
  const text = readFileSync(file, 'utf8');
  const data = JSON.parse(text) as Record<string, unknown>;
  const entry = `"population": { "list": ${JSON.stringify(basename(list))}, "source": ${JSON.stringify(source)}, "year": ${year} }`;
  const written = !('population' in data)
    ? `${text.trimEnd().replace(/\s*\}$/, '')},\n  ${entry}\n}\n`
    : /"population":\s*\{[^{}]*\}/.test(text)
      ? text.replace(/"population":\s*\{[^{}]*\}/, entry)
      : JSON.stringify({ ...data, population: { list: basename(list), source, year } }, null, 2) + '\n';
  writeFileSync(file, written);
  console.log(`geo/${pack}/${basename(list)}  ${communes.length - copy.missing.length}/${communes.length} xã/phường / communes`);
  if (copy.missing.length > 0) console.log(`  không có trong danh sách / not in the list: ${copy.missing.join(', ')}`);
  build(pack);
}

function check(pack: string): boolean {
  const findings = checkPackFiles(pack);
  console.log(formatFindings(pack, findings));
  return !findings.some((f) => f.severity === 'error');
}

try {
  if (command === 'new' && id && rest.length === 0 && values.communes && values.units && values.merges) {
    const written = newPack({ id, communes: resolve(values.communes), units: values.units.split(',').map((f) => resolve(f)), merges: resolve(values.merges), provinces: values.provinces && resolve(values.provinces), name: values.name });
    for (const path of written) console.log(path);
    process.exit(check(id) ? 0 : 1);
  } else if (command === 'build' && rest.length === 0) {
    for (const pack of id ? [id] : recipeIds()) build(pack);
  } else if (command === 'population' && id && rest.length === 0 && values.list && values.source && /^\d{4}$/.test(values.year ?? '')) {
    population(id, resolve(values.list), values.source.normalize('NFC'), Number(values.year));
    process.exit(check(id) ? 0 : 1);
  } else if (command === 'check' && id && rest.length === 0) {
    process.exit(check(id) ? 0 : 1);
  } else {
    console.error(USAGE);
    process.exit(2);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
