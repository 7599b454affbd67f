/**
 * `npm run pack -- <command>`: province packs as data (docs/adding-a-province.md).
 *   new <id> --communes <geojson> --units <csv>[,<csv>] --merges <csv> [--provinces <geojson>] [--name <tên>]
 *       scaffolds geo/<id>/ and data/packs/<id>/ from the sources, builds, and checks;
 *   build [<id>]   rebuilds the boundaries, units, former units and crosswalk of one pack (all without an id);
 *   check <id>     says what is missing or doubtful, in Vietnamese and English.
 * Exit code 0 when done (check: the pack is usable), 1 when refused or failed, 2 on bad usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPackFiles, formatFindings } from '../../geo/check-pack.ts';
import { newPack } from '../../geo/new-pack.ts';
import { packFiles } from '../../geo/pack-files.ts';
import { loadRecipe, recipeIds } from '../../geo/recipe.ts';
import { repoRoot } from '../config.ts';

const USAGE = `usage:
  npm run pack -- new <id> --communes <geojson> --units <csv>[,<csv>] --merges <csv> [--provinces <geojson>] [--name <tên tỉnh>]
  npm run pack -- build [<id>]
  npm run pack -- check <id>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { communes: { type: 'string' }, units: { type: 'string' }, merges: { type: 'string' }, provinces: { type: 'string' }, name: { type: 'string' } },
});
const [command, id, ...rest] = positionals;

function build(pack: string): void {
  const { files, crosswalkProblems } = packFiles(loadRecipe(pack));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(repoRoot, path)), { recursive: true });
    writeFileSync(join(repoRoot, path), content);
    console.log(`${path}  ${(Buffer.byteLength(content) / 1024).toFixed(1)} KiB`);
  }
  if (crosswalkProblems.length > 0)
    console.log(`${pack}: bảng chuyển đổi còn ${crosswalkProblems.length} vấn đề (npm run pack -- check ${pack}) / the crosswalk has ${crosswalkProblems.length} problems (npm run pack -- check ${pack})`);
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
