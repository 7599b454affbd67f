/**
 * `npm run pack -- check <id>`: what a pack is missing or should be looked at, in Vietnamese and
 * English. An error is what would stop the wall or crash or mislead a view (the pack refused: the
 * command exits non-zero); a warning is doubtful or missing and worth a look (names to normalise,
 * the same name twice, an area named like its province, communes left unplaced on purpose, areas
 * and communes without population: shown as missing, never assumed; a commune's population far too
 * small for its land).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { areasWithoutPopulation, unplacedFormerUnits, type Pack } from '../data/schema/pack.ts';
import { loadPack } from '../server/reference/load-pack.ts';
import { normaliseName } from './crosswalk.ts';
import { readCsv } from './csv.ts';
import { packFiles } from './pack-files.ts';
import { geoRoot, loadRecipe, type PackRecipe } from './recipe.ts';

export interface Finding {
  severity: 'error' | 'warning';
  vi: string;
  en: string;
}

/**
 * Below this many people per km² a commune's figure is worth a look: the 2025 list gives some
 * communes a few dozen people over hundreds of km² (a count in thousands, or a typing slip?), never
 * corrected here; a remote island can be as sparse, and is listed for a look all the same.
 */
const SPARSE_PER_KM2 = 10;

/** The repository root the pack's files are written under (data/packs/<id>/, geo/<id>/). */
const repoRootOf = (root: string) => join(root, '..');

/** The files a pack must have (figures/ and targets.yaml are optional: no real figures yet, national targets only). */
const REQUIRED = ['pack.json', 'units.csv', 'facilities.csv', 'population.csv', 'units-2024.csv', 'crosswalk-2024-2025.csv'];

export function checkPackFiles(id: string, root = geoRoot): Finding[] {
  const findings: Finding[] = [];
  const error = (vi: string, en: string) => findings.push({ severity: 'error', vi, en });
  const warning = (vi: string, en: string) => findings.push({ severity: 'warning', vi, en });

  let recipe: PackRecipe;
  try {
    recipe = loadRecipe(id, root);
  } catch (err) {
    error((err as Error).message, 'the recipe cannot be used (above)');
    return findings;
  }
  const packDir = join(repoRootOf(root), 'data', 'packs', id);
  const missingFiles = REQUIRED.filter((f) => !existsSync(join(packDir, f)));
  if (missingFiles.length > 0) {
    error(`thiếu tệp trong ${packDir}: ${missingFiles.join(', ')}`, `missing files in ${packDir}: ${missingFiles.join(', ')}`);
    return findings;
  }

  // The files the build makes must be what the sources make today.
  const built = packFiles(recipe);
  for (const [path, content] of built.files)
    if (!existsSync(join(repoRootOf(root), path)) || readFileSync(join(repoRootOf(root), path), 'utf8') !== content)
      error(`${path} không khớp nguồn: chạy npm run pack -- build ${id}`, `${path} does not match its sources: run npm run pack -- build ${id}`);

  for (const p of built.crosswalkProblems)
    error(`Bảng chuyển đổi: ${p.file}${p.line ? `, dòng ${p.line}` : ''}: ${p.vi}`, `Crosswalk: ${p.file}${p.line ? `, line ${p.line}` : ''}: ${p.en}`);
  // Former communes whose gap is already said: by the derivation (with why), or left unplaced on purpose.
  const explained = new Set(built.crosswalkProblems.flatMap((p) => (p.oldCode ? [p.oldCode] : [])));
  if ('decisions' in recipe.crosswalk)
    for (const d of readCsv<{ old_commune_code: string; new_commune_code: string; reason: string }>(join(recipe.dir, recipe.crosswalk.decisions)))
      if (d.new_commune_code === '') {
        explained.add(d.old_commune_code);
        warning(
          `Bảng chuyển đổi: xã cũ ${d.old_commune_code} để ngoài bản đồ mới theo quyết định (${recipe.crosswalk.decisions}, dòng ${d.line}: ${d.reason}); số liệu của nó hiện là đơn vị cũ`,
          `Crosswalk: old commune ${d.old_commune_code} is left off today's map by decision (${recipe.crosswalk.decisions}, line ${d.line}: ${d.reason}); its figures show as a former unit`,
        );
      }

  let pack: Pack;
  try {
    pack = loadPack(packDir);
  } catch (err) {
    error(`gói không đọc được: ${(err as Error).message}`, `the pack cannot be loaded (above)`);
    return findings;
  }
  findings.push(...checkPackContent(pack, explained));
  return findings;
}

/**
 * What a loaded pack lacks or should have looked at. Pure. `explained`: former communes whose
 * missing place is already reported or was decided, not to be reported again.
 */
export function checkPackContent(pack: Pack, explained: Set<string> = new Set()): Finding[] {
  const findings: Finding[] = [];
  const error = (vi: string, en: string) => findings.push({ severity: 'error', vi, en });
  const warning = (vi: string, en: string) => findings.push({ severity: 'warning', vi, en });
  const [provinceLevel, areaLevel, communeLevel] = pack.levels.map((l) => l.id);
  const at = (level: string | undefined) => pack.units.filter((u) => u.level === level);
  const named = (units: { code: string; name: string }[]) => units.map((u) => `${u.code} ${u.name}`).join(', ');

  const unplaced = unplacedFormerUnits(pack).filter((u) => !explained.has(u.code));
  const coverage = `${pack.crosswalk.length}/${pack.formerUnits.filter((u) => u.level === 'commune').length}`;
  if (unplaced.length > 0)
    error(
      `Bảng chuyển đổi xếp ${coverage} xã cũ lên bản đồ mới; chưa có vị trí: ${named(unplaced)}`,
      `The crosswalk places ${coverage} former communes on today's map; without a place: ${named(unplaced)}`,
    );

  // No view crashes without a population: the overview says it is missing and nothing is drawn
  // per population there, so a pack is usable before a document gives it, and says what it lacks.
  const noPopulation = areasWithoutPopulation(pack);
  if (noPopulation.length > 0)
    warning(
      `Thiếu dân số (population.csv, kèm văn bản nguồn) của ${noPopulation.length}/${at(areaLevel).length} khu vực: ${named(noPopulation)}. ` +
        'Tổng quan ghi thiếu dân số; bản đồ không tô màu số liệu theo dân số cho các khu vực này (và tỉnh không có tổng dân số); bản demo không tạo số liệu theo dân số ở đó',
      `Population missing (population.csv, with its source document) for ${noPopulation.length} of ${at(areaLevel).length} areas: ${named(noPopulation)}. ` +
        'The overview says it is missing; maps colour no figure per population for these areas (and the province has no total population); the demo makes no population-based figures there',
    );

  // Communes: each its own figure (the list's, or a document's). A figure per person at commune
  // level needs one; and a list figure far too small for the commune's land makes its rates absurd.
  const own = new Map(pack.population.map((p) => [p.unitCode, p]));
  const communes = at(communeLevel);
  const noCommunePopulation = communes.filter((u) => !own.has(u.code));
  if (communes.length > 0 && noCommunePopulation.length > 0)
    warning(
      `Thiếu dân số của ${noCommunePopulation.length}/${communes.length} xã/phường: ${named(noCommunePopulation.slice(0, 12))}${noCommunePopulation.length > 12 ? ', …' : ''}. ` +
        'Bản đồ không tô màu số liệu theo dân số ở cấp xã cho các xã này (npm run pack -- population)',
      `Population missing for ${noCommunePopulation.length} of ${communes.length} communes: ${named(noCommunePopulation.slice(0, 12))}${noCommunePopulation.length > 12 ? ', …' : ''}. ` +
        'Maps colour no figure per population at commune level there (npm run pack -- population)',
    );
  const sparse = communes.filter((u) => own.has(u.code) && u.areaKm2 > 0 && own.get(u.code)!.population / u.areaKm2 < SPARSE_PER_KM2);
  const described = (units: typeof sparse, language: 'vi' | 'en') =>
    units
      .map((u) => {
        const p = own.get(u.code)!;
        const km2 = u.areaKm2.toLocaleString(language, { maximumFractionDigits: 1 });
        return `${u.code} ${u.name}: ${p.population.toLocaleString(language)} ${language === 'vi' ? 'người' : 'people'} / ${km2} km²`;
      })
      .join(', ');
  if (sparse.length > 0)
    warning(
      `Dân số rất thấp so với diện tích (dưới ${SPARSE_PER_KM2} người/km²), nên đối chiếu với văn bản của Sở Y tế: ${described(sparse, 'vi')}. ` +
        'Số liệu tính trên 10.000 dân ở các xã này sẽ rất cao; một văn bản của Sở (population.csv) sẽ thay số của danh sách',
      `Population very low for the land (under ${SPARSE_PER_KM2} people per km²), to check against a document of the department: ${described(sparse, 'en')}. ` +
        "Figures per 10,000 people will be very high there; a document of the department (population.csv) replaces the list's figure",
    );

  const hasFacility = (unit: string, kind: string) => pack.facilities.some((f) => f.unitCode === unit && f.kind === kind);
  const noStation = at(communeLevel).filter((u) => !hasFacility(u.code, 'commune_health_station'));
  if (noStation.length > 0)
    error(`Xã/phường chưa có trạm y tế (facilities.csv): ${named(noStation)}`, `Communes without a health station (facilities.csv): ${named(noStation)}`);
  const noCentre = at(areaLevel).filter((u) => !hasFacility(u.code, 'area_health_centre'));
  if (noCentre.length > 0)
    error(`Khu vực chưa có trung tâm y tế (facilities.csv): ${named(noCentre)}`, `Areas without a health centre (facilities.csv): ${named(noCentre)}`);
  if (!pack.facilities.some((f) => f.kind === 'provincial_hospital'))
    warning('Chưa có bệnh viện tuyến tỉnh nào trong facilities.csv', 'No provincial hospital in facilities.csv');

  for (const [file, list] of [
    ['units.csv', pack.units],
    ['facilities.csv', pack.facilities],
    ['units-2024.csv', pack.formerUnits],
  ] as const)
    for (const u of list)
      if (normaliseName(u.name) !== u.name)
        warning(`${file}, ${u.code}: tên "${u.name}" nên viết "${normaliseName(u.name)}"`, `${file}, ${u.code}: name "${u.name}" should read "${normaliseName(u.name)}"`);

  const key = (name: string) => normaliseName(name).toLocaleLowerCase('vi');
  for (const [what, list] of [
    ...pack.levels.map((l) => [`${l.name.vi} / ${l.name.en}`, at(l.id)] as const),
    ['Cơ sở y tế / Facilities', pack.facilities] as const,
  ]) {
    const byName = new Map<string, { code: string; name: string }[]>();
    for (const u of list) byName.set(key(u.name), [...(byName.get(key(u.name)) ?? []), u]);
    for (const same of byName.values())
      if (same.length > 1) warning(`${what}: trùng tên ${named(same)} — bảng xếp hạng sẽ khó phân biệt`, `${what}: the same name for ${named(same)} — rankings will be ambiguous`);
  }
  const [province] = at(provinceLevel);
  for (const area of at(areaLevel))
    if (province && key(area.name) === key(province.name))
      warning(
        `Khu vực ${area.code} mang tên tỉnh "${province.name}": đặt tên khác (như "${province.name} (thành phố)") để bảng xếp hạng không nhầm`,
        `Area ${area.code} is named like its province "${province.name}": name it apart (e.g. "${province.name} (city)") so rankings are not ambiguous`,
      );
  return findings;
}

/** The report as printed: errors first, then warnings, and the verdict. */
export function formatFindings(id: string, findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const lines = [
    ...errors.map((f) => `LỖI: ${f.vi}\n  ERROR: ${f.en}`),
    ...warnings.map((f) => `CẦN XEM: ${f.vi}\n  CHECK: ${f.en}`),
    errors.length > 0
      ? `Gói ${id} bị từ chối: ${errors.length} lỗi, ${warnings.length} mục cần xem. / Pack ${id} is refused: ${errors.length} errors, ${warnings.length} to check.`
      : `Gói ${id} dùng được: ${warnings.length} mục cần xem. / Pack ${id} is usable: ${warnings.length} to check.`,
  ];
  return lines.join('\n');
}
