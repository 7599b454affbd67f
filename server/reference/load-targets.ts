/**
 * Targets belong to the documents that set them: the nation's (decisions and circulars of the
 * Ministry of Health) in data/catalogue/targets.yaml, for every pack; a province's own plans in
 * data/packs/<id>/targets.yaml, for that pack only. Both are read into the catalogue's indicators
 * when the wall opens with its pack, so the guide lists only the documents that apply here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { targetsFileSchema, type Catalogue, type TargetsFile } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';

type FileTarget = TargetsFile['targets'][number];

function readTargets(file: string, errors: string[]): FileTarget[] {
  if (!existsSync(file)) return [];
  const result = targetsFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (result.success) return result.data.targets;
  errors.push(...result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
  return [];
}

/** The national targets file beside the catalogue, and a pack's own. */
export const targetFiles = (catalogueFile: string, packDir: string) => ({
  national: join(catalogueFile, '..', 'targets.yaml'),
  provincial: join(packDir, 'targets.yaml'),
});

/** Sets each indicator's targets from the two files; a fault in either stops the start with all of them listed. */
export function loadTargetsInto(catalogue: Catalogue, pack: Pack, files: { national: string; provincial: string }): void {
  const errors: string[] = [];
  const national = readTargets(files.national, errors);
  const provincial = readTargets(files.provincial, errors);
  const codes = new Set(catalogue.indicators.map((i) => i.code));
  const units = new Set(pack.units.map((u) => u.code));
  for (const [file, list, nationWide] of [[files.national, national, true], [files.provincial, provincial, false]] as const)
    for (const t of list) {
      if (!codes.has(t.indicator)) errors.push(`${file}: no indicator "${t.indicator}" in the catalogue`);
      if (('nation' in t.scope) !== nationWide)
        errors.push(`${file}: ${t.indicator} ${t.from_year}–${t.to_year}: ${nationWide ? 'national targets have scope { nation: true }' : 'a pack sets province, facility-kind or unit targets, not national ones'}`);
      if ('unit' in t.scope && !units.has(t.scope.unit)) errors.push(`${file}: ${t.indicator}: unit "${t.scope.unit}" is not a unit of pack ${pack.id}`);
    }
  if (errors.length > 0) throw new Error(`targets do not fit the catalogue and pack ${pack.id}:\n  ${errors.join('\n  ')}`);
  for (const indicator of catalogue.indicators)
    indicator.targets = [...national, ...provincial].filter((t) => t.indicator === indicator.code).map(({ indicator: _code, ...t }) => t);
}
