/** Reads a province pack from data/packs/<id>/ and checks it; a broken pack fails with every fault listed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  checkPack,
  type CrosswalkRow,
  type Facility,
  type FacilityKind,
  type FormerUnit,
  type Pack,
  type PackManifest,
  type Population,
  type Tier,
  type Unit,
} from '../../data/schema/pack.ts';
import { readNumber } from '../../data/schema/number-text.ts';

type Row = Record<string, string>;

function readRows(dir: string, file: string): Row[] {
  const path = join(dir, file);
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
}

const orNull = (s: string) => (s === '' ? null : s);
/** A whole number by the input rule (1.000 is not a thousand here either), else NaN for checkPack to name. */
const whole = (text: string) => {
  const read = readNumber(text, { whole: true });
  return 'value' in read ? read.value : NaN;
};

/** The optional lon, lat columns: both or neither, as numbers. */
function locationOf(row: Row, file: string): [number, number] | null {
  const [lon, lat] = [row.lon ?? '', row.lat ?? ''];
  if (lon === '' && lat === '') return null;
  const point: [number, number] = [Number(lon), Number(lat)];
  if (lon === '' || lat === '' || !point.every(Number.isFinite))
    throw new Error(`${file}, ${row.code}: lon and lat must both be numbers or both be empty (got "${lon}", "${lat}")`);
  return point;
}

export function loadPack(dir: string): Pack {
  const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as PackManifest;
  const units: Unit[] = readRows(dir, 'units.csv').map((r) => ({
    code: r.code,
    name: r.name,
    fullName: r.full_name,
    level: r.level,
    parentCode: orNull(r.parent_code),
    areaKm2: Number(r.area_km2),
  }));
  const facilities: Facility[] = readRows(dir, 'facilities.csv').map((r) => ({
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as FacilityKind,
    tier: r.tier as Tier,
    unitCode: r.unit_code,
    location: locationOf(r, 'facilities.csv'),
    ...(r.placed_in ? { placedIn: r.placed_in } : {}),
  }));
  const population: Population[] = readRows(dir, 'population.csv').map((r) => ({
    unitCode: r.unit_code,
    year: whole(r.year),
    population: whole(r.population),
    source: r.source,
  }));
  const crosswalk: CrosswalkRow[] = readRows(dir, 'crosswalk-2024-2025.csv').map((r) => ({
    oldCommuneCode: r.old_commune_code,
    oldCommuneName: r.old_commune_name,
    oldDistrictCode: r.old_district_code,
    newCommuneCode: r.new_commune_code,
    areaShare: r.area_share ? Number(r.area_share) : null,
  }));
  const formerUnits: FormerUnit[] = readRows(dir, 'units-2024.csv').map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: orNull(r.parent_code),
  }));
  const pack: Pack = { ...manifest, units, facilities, population, crosswalk, formerUnits };
  const errors = checkPack(pack);
  if (errors.length > 0) throw new Error(`pack ${dir} is inconsistent:\n  ${errors.join('\n  ')}`);
  return pack;
}
