/**
 * `npm run pack -- new <id> …`: scaffolds a pack from a 2025 commune GeoJSON, the 2024 GSO unit
 * lists and the official merge list. Copies the sources into geo/sources/ (shared by the packs) (a pack builds
 * from its own folder), writes the recipe and the hand-kept files with what can be known from the
 * sources (names, levels, one station per commune and one health centre per area), and builds.
 * What no source gives (population, provincial hospitals, targets, real figures) is left for
 * `pack check` to ask for.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Unit } from '../data/schema/pack.ts';
import { csvLine, readCsv } from './csv.ts';
import { normaliseName, splitType, type FormerUnitRow } from './crosswalk.ts';
import { packFiles } from './pack-files.ts';
import { geoRoot, loadRecipe, type RecipeData } from './recipe.ts';

export interface NewPackOptions {
  id: string;
  communes: string;
  units: string[];
  merges: string;
  /** The country's 2025 provinces (vn_provinces_2025.geojson): the province's name, and the map's context. */
  provinces?: string;
  /** The province's name where no provinces file gives it. */
  name?: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The health centre of each area and the station of each commune, named as the sector names them. */
export function scaffoldFacilities(units: Unit[], formerDistricts: Map<string, FormerUnitRow>): string {
  const rows = [
    ...units
      .filter((u) => u.level === 'area')
      .map((a) => {
        const type = formerDistricts.get(a.code)?.type ?? '';
        return csvLine([`TTYT-${a.code}`, `Trung tâm Y tế ${type ? `${lowerFirst(type)} ` : ''}${a.name}`, `TTYT ${a.name}`, 'area_health_centre', 'area', a.code, '', '']);
      }),
    ...units
      .filter((u) => u.level === 'commune')
      .map((c) => {
        const { type, name } = splitType(c.fullName);
        return csvLine([`TYT-${c.code}`, `Trạm Y tế ${type ? `${lowerFirst(type)} ` : ''}${name}`, `TYT ${c.name}`, 'commune_health_station', 'commune', c.code, '', '']);
      }),
  ];
  return ['code,name,short_name,kind,tier,unit_code,lon,lat', ...rows].join('\n') + '\n';
}

/** Creates geo/<id>/ and data/packs/<id>/; refuses to overwrite a pack. Returns the paths written. */
export function newPack(options: NewPackOptions, root = geoRoot): string[] {
  const { id } = options;
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`mã gói "${id}" chỉ gồm chữ thường không dấu, số và "-" / pack id "${id}" must be lower-case ASCII letters, digits and "-"`);
  const geoDir = join(root, id);
  const packDir = join(root, '..', 'data', 'packs', id);
  for (const dir of [geoDir, packDir]) if (existsSync(dir)) throw new Error(`${dir} đã có: không ghi đè một gói / already exists: a pack is not overwritten`);
  for (const file of [options.communes, ...options.units, options.merges, ...(options.provinces ? [options.provinces] : [])])
    if (!existsSync(file)) throw new Error(`không có tệp ${file} / no file ${file}`);

  const communes = JSON.parse(readFileSync(options.communes, 'utf8')) as FeatureCollection<null, { province_code?: string }>;
  const codes = [...new Set(communes.features.map((f) => f.properties.province_code))];
  if (codes.length !== 1 || !codes[0])
    throw new Error(`${options.communes}: các xã phải cùng một province_code (có: ${codes.join(', ')}) / the communes must share one province_code (found: ${codes.join(', ')})`);
  const code = codes[0];
  const province = options.provinces
    ? (JSON.parse(readFileSync(options.provinces, 'utf8')) as FeatureCollection<null, { code: string; name: string; full_name?: string }>).features.find((f) => f.properties.code === code)?.properties
    : undefined;
  const name = normaliseName(options.name ?? province?.name ?? '');
  if (!name) throw new Error(`không biết tên tỉnh ${code}: thêm --provinces <geojson> hoặc --name "<tên>" / the name of province ${code} is unknown: give --provinces <geojson> or --name "<name>"`);

  // One copy of each raw source for every pack (geo/sources/): packs share the country and merge lists.
  const shared = join(geoDir, '..', 'sources');
  mkdirSync(shared, { recursive: true });
  const copy = (file: string) => {
    const target = join(shared, basename(file));
    if (existsSync(target) && !readFileSync(target).equals(readFileSync(file)))
      throw new Error(`${target}: đã có một tệp khác cùng tên / a different file of that name is already there`);
    if (!existsSync(target)) copyFileSync(file, target);
    return `../sources/${basename(file)}`;
  };
  const recipe: RecipeData = {
    province: { code, name, fullName: normaliseName(province?.full_name ?? `Tỉnh ${name}`) },
    communes: copy(options.communes),
    formerUnits: options.units.map(copy),
    crosswalk: { merges: copy(options.merges), decisions: 'crosswalk-decisions.csv' },
    areaFullName: 'Khu vực {name}',
    ...(options.provinces
      ? { context: { provincesFile: copy(options.provinces), province: { code, name, communesFile: `../sources/${basename(options.communes)}` }, archipelagos: [] } }
      : {}),
  };
  const written: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  };
  write(join(geoDir, 'recipe.json'), JSON.stringify(recipe, null, 2) + '\n');
  write(join(geoDir, 'crosswalk-decisions.csv'), 'old_commune_code,new_commune_code,reason\n');
  write(
    join(packDir, 'pack.json'),
    JSON.stringify(
      {
        id,
        name: { vi: name, en: name },
        description: {
          vi: `Tỉnh ${name}: ${communes.features.length} xã/phường theo địa giới từ 01/7/2025, nhóm thành khu vực y tế theo các huyện cũ.`,
          en: `${name} province: ${communes.features.length} communes as they stand since 2025-07-01, grouped into health areas after the former districts.`,
        },
        timezone: 'Asia/Ho_Chi_Minh',
        levels: [
          { id: 'province', name: { vi: 'Tỉnh', en: 'Province' }, plural: { vi: 'Tỉnh', en: 'Provinces' } },
          { id: 'area', name: { vi: 'Khu vực y tế', en: 'Health area' }, plural: { vi: 'Khu vực y tế', en: 'Health areas' } },
          { id: 'commune', name: { vi: 'Xã/phường', en: 'Commune' }, plural: { vi: 'Xã/phường', en: 'Communes' } },
        ],
        reorganisation: { date: '2025-07-01', formerEra: '2024' },
      },
      null,
      2,
    ) + '\n',
  );
  write(join(packDir, 'population.csv'), 'unit_code,year,population,source\n');
  write(
    join(packDir, 'targets.yaml'),
    `# Chỉ tiêu của tỉnh ${name} (kế hoạch của UBND tỉnh, Sở Y tế), mỗi chỉ tiêu trích văn bản đặt ra nó.\n# ${name}'s own targets, each citing the document that set it; national ones are in data/catalogue/targets.yaml.\ntargets: []\n`,
  );

  const { files, units } = packFiles(loadRecipe(id, root));
  for (const [path, content] of files) write(join(root, '..', path), content);
  const former = new Map(recipe.formerUnits.flatMap((f) => readCsv<FormerUnitRow>(join(geoDir, f))).map((u) => [u.code, u]));
  write(join(packDir, 'facilities.csv'), scaffoldFacilities(units, former));
  return written;
}
