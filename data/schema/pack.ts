/**
 * The province pack as data: its named levels, units, facilities, population and the crosswalk
 * from pre-2025 communes. Pure types and checks, no I/O, shared by server, client and tests.
 */
import { populationIndex, unitPopulation, type UnitPopulation } from './population.ts';

export interface Localized {
  vi: string;
  en: string;
}

/** A named level of the pack's hierarchy, top first (province → area → commune). */
export interface Level {
  id: string;
  name: Localized;
  /** The name of more than one (English "Health areas"); the name itself where absent. */
  plural?: Localized;
}

export interface Unit {
  code: string;
  name: string;
  fullName: string;
  level: string;
  parentCode: string | null;
  areaKm2: number;
}

export const FACILITY_KINDS = [
  'provincial_hospital',
  // A polyclinic of the province (phòng khám đa khoa tuyến tỉnh): it cures but is no hospital and serves no area.
  'provincial_clinic',
  'area_health_centre',
  'commune_health_station',
  'private',
  // A provincial body that gives no care (Sở Y tế, CDC, Chi cục, centres for inspection or
  // transport): listed where a document surveys it; on no map, in no reported_by of care figures.
  'provincial_agency',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Tier (tuyến) of care a facility belongs to; QĐ 828 asks for figures by tier. */
export const TIERS = ['province', 'area', 'commune'] as const;
export type Tier = (typeof TIERS)[number];

export interface Facility {
  code: string;
  name: string;
  shortName: string;
  kind: FacilityKind;
  tier: Tier;
  unitCode: string;
  /** Where it stands, [longitude, latitude], when the pack knows; maps otherwise place it by its unit. */
  location: [number, number] | null;
  /**
   * Without a location, the unit a map places it in when its own unit is too wide to say where it
   * stands (a former province's hospitals inside today's merged province: at the former seat).
   * Only where it is drawn: its figures still add up under unitCode.
   */
  placedIn?: string;
}

/** A unit with the socio-economic overview QĐ 828 asks for (as /api/units serves it). */
export interface UnitOverview extends Unit {
  /** By the rule of population.ts: the unit's own figure, else a sum of one source; with the sources not used. */
  population: UnitPopulation | null;
  /** People per km², where the population is known. */
  density: number | null;
  /** Males per 100 females, where the sources give population by sex (the bundled ones do not). */
  sexRatio: number | null;
  facilities: Partial<Record<FacilityKind, number>>;
  children: string[];
}

/** Population of a unit in a year, with the document it was taken from. */
export interface Population {
  unitCode: string;
  year: number;
  population: number;
  source: string;
}

/**
 * A pre-2025 commune and the post-2025 commune holding it: the one holding most of its area where
 * shares are known, else the one the official merge list (or a hand decision) places it in.
 */
export interface CrosswalkRow {
  oldCommuneCode: string;
  oldCommuneName: string;
  oldDistrictCode: string;
  newCommuneCode: string;
  /** Share of the old commune's area inside the new one; null where the crosswalk comes from a merge list. */
  areaShare: number | null;
}

/** A unit of the pre-2025 hierarchy (province, district, commune) that source reports name. */
export interface FormerUnit {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/**
 * Whether a figure named by the former era's province code is one of today's province: only when
 * every former commune of the pack lay in that one former province. Where provinces were merged
 * (Khánh Hòa with Ninh Thuận, An Giang with Kiên Giang), a former province is a part of today's.
 */
export function formerProvinceIsWhole(pack: { formerUnits: FormerUnit[] }): boolean {
  const parent = new Map(pack.formerUnits.map((u) => [u.code, u.parentCode]));
  const top = (code: string): string => {
    let at = code;
    for (let up = parent.get(at); up; up = parent.get(at)) at = up;
    return at;
  };
  return new Set(pack.formerUnits.filter((u) => u.level === 'commune').map((u) => top(u.code))).size <= 1;
}

/** The former provinces that are only a part of today's (none where the former province is whole). */
export const formerProvinceParts = (pack: { formerUnits: FormerUnit[] }): FormerUnit[] =>
  formerProvinceIsWhole(pack) ? [] : pack.formerUnits.filter((u) => u.parentCode === null);

/**
 * A reorganisation of units: facts for periods starting before `date` name units by the code
 * list of `formerEra` (units-<formerEra>.csv), and reach today's units through the crosswalk.
 */
export interface Reorganisation {
  date: string;
  formerEra: string;
}

/**
 * When a period's reports are due and when an aggregate is complete enough to judge (pack.json
 * `reporting`). A period is closed once the day after its due date has come; until then, and
 * while fewer than `complete_at` of its reporters have sent figures (of people, where the
 * reporters are units with a population), its figures are provisional.
 */
export interface ReportingRule {
  /** Days after a period's end by which its reports are due, by the indicator's frequency (the catalogue's deadline_days wins). */
  due_days: Record<'day' | 'week' | 'month' | 'quarter' | 'half' | 'year', number>;
  /** The document that sets these days, or the words that say no document does and whose setting they are. */
  source: Localized;
  /** Share of reporters (0–1) at or above which an aggregate gets a status and a rank. */
  complete_at: number;
}

/** What a pack that says nothing gets: the project's defaults, said to be such wherever they are shown. */
export const DEFAULT_REPORTING: ReportingRule = {
  due_days: { day: 1, week: 2, month: 10, quarter: 15, half: 20, year: 30 },
  source: {
    vi: 'Mặc định của hệ thống (gói tỉnh chưa ghi văn bản quy định hạn nộp báo cáo)',
    en: "The system's default (the province pack names no document that sets report deadlines)",
  },
  complete_at: 0.9,
};

export const reportingRule = (pack: Pick<PackManifest, 'reporting'>): ReportingRule => pack.reporting ?? DEFAULT_REPORTING;

export interface PackManifest {
  id: string;
  name: Localized;
  description: Localized;
  timezone: string;
  levels: Level[];
  reorganisation: Reorganisation;
  /** The unit holding the seat of the province: where a map places province-level facilities without a location. */
  seat?: { unit: string; note: Localized };
  /** Report deadlines and the completeness that makes a figure final; DEFAULT_REPORTING where absent. */
  reporting?: ReportingRule;
}

export interface Pack extends PackManifest {
  units: Unit[];
  facilities: Facility[];
  population: Population[];
  crosswalk: CrosswalkRow[];
  formerUnits: FormerUnit[];
}

/**
 * Every way a pack can be inconsistent, as messages; empty when the pack is sound.
 * Loaders call this so a broken pack stops the server with all its faults listed at once.
 */
export function checkPack(pack: Pack): string[] {
  const errors: string[] = [];
  const levelIds = pack.levels.map((l) => l.id);
  const units = new Map<string, Unit>();
  for (const u of pack.units) {
    if (units.has(u.code)) errors.push(`unit ${u.code}: code is not unique`);
    units.set(u.code, u);
  }
  for (const u of pack.units) {
    const depth = levelIds.indexOf(u.level);
    if (depth < 0) errors.push(`unit ${u.code}: unknown level "${u.level}"`);
    if (depth === 0) {
      if (u.parentCode !== null) errors.push(`unit ${u.code}: a top-level unit has no parent`);
      continue;
    }
    const parent = u.parentCode === null ? undefined : units.get(u.parentCode);
    if (!parent) errors.push(`unit ${u.code}: parent "${u.parentCode}" is not a unit`);
    else if (levelIds.indexOf(parent.level) !== depth - 1)
      errors.push(`unit ${u.code}: parent ${parent.code} is not one level up`);
    if (u.name.normalize('NFC') !== u.name) errors.push(`unit ${u.code}: name is not NFC`);
  }
  if (pack.seat && !units.has(pack.seat.unit)) errors.push(`pack ${pack.id}: seat "${pack.seat.unit}" is not a unit`);
  if (pack.reporting) {
    const r = pack.reporting;
    if (!(r.complete_at > 0 && r.complete_at <= 1)) errors.push(`pack ${pack.id}: reporting.complete_at must be a share above 0 and at most 1, not ${r.complete_at}`);
    for (const grain of Object.keys(DEFAULT_REPORTING.due_days) as (keyof ReportingRule['due_days'])[])
      if (!Number.isInteger(r.due_days?.[grain]) || r.due_days[grain] < 0) errors.push(`pack ${pack.id}: reporting.due_days.${grain} must be a whole number of days`);
    if (!r.source?.vi || !r.source?.en) errors.push(`pack ${pack.id}: reporting.source needs vi and en: the document that sets the deadlines, or whose setting they are`);
  }
  if (pack.units.filter((u) => u.level === levelIds[0]).length !== 1)
    errors.push(`pack ${pack.id}: needs exactly one ${levelIds[0]} unit`);

  const facilityCodes = new Set<string>();
  for (const f of pack.facilities) {
    if (facilityCodes.has(f.code)) errors.push(`facility ${f.code}: code is not unique`);
    facilityCodes.add(f.code);
    if (!units.has(f.unitCode)) errors.push(`facility ${f.code}: unit "${f.unitCode}" is not a unit`);
    if (f.placedIn !== undefined && !units.has(f.placedIn)) errors.push(`facility ${f.code}: placed_in "${f.placedIn}" is not a unit`);
    if (!FACILITY_KINDS.includes(f.kind)) errors.push(`facility ${f.code}: unknown kind "${f.kind}"`);
    if (!TIERS.includes(f.tier)) errors.push(`facility ${f.code}: unknown tier "${f.tier}"`);
    if (f.location && !(Math.abs(f.location[0]) <= 180 && Math.abs(f.location[1]) <= 90))
      errors.push(`facility ${f.code}: location ${f.location.join(', ')} is not a longitude, latitude`);
  }
  for (const p of pack.population) {
    if (!units.has(p.unitCode)) errors.push(`population: unit "${p.unitCode}" is not a unit`);
    if (!Number.isInteger(p.population) || p.population < 0)
      errors.push(`population of ${p.unitCode} in ${p.year}: not a whole number written with digits only (1000, not 1.000)`);
  }
  const formerCodes = new Set(pack.formerUnits.map((u) => u.code));
  // A former commune counts in the area that keeps its former district's code: without one it has nowhere to roll up.
  const areaLevel = levelIds[1];
  for (const u of pack.formerUnits)
    if (u.level === 'commune' && units.get(u.parentCode ?? '')?.level !== areaLevel)
      errors.push(`former commune ${u.code} ${u.name}: its district "${u.parentCode}" is not a unit of level "${areaLevel}" in the pack, so its figures have nowhere to roll up`);
  for (const c of pack.crosswalk) {
    if (!units.has(c.newCommuneCode))
      errors.push(`crosswalk ${c.oldCommuneCode}: new commune "${c.newCommuneCode}" is not a unit`);
    if (!formerCodes.has(c.oldCommuneCode))
      errors.push(`crosswalk ${c.oldCommuneCode}: not a former unit`);
  }
  return errors;
}

/**
 * Former communes that the crosswalk places on no unit of today's map. Their figures (periods
 * before the reorganisation) count in their former district's area and show as former units.
 */
export function unplacedFormerUnits(pack: Pack): FormerUnit[] {
  const placed = new Set(pack.crosswalk.map((c) => c.oldCommuneCode));
  return pack.formerUnits.filter((u) => u.level === 'commune' && !placed.has(u.code));
}

/**
 * Areas (the level under the province) without a population by the rule of population.ts (their
 * own figure, or their units' of one source): the overview says it is missing, counts are not
 * drawn per population there and the demo makes no population-based figures for them; nothing is
 * assumed in its place.
 */
export function areasWithoutPopulation(pack: Pack): Unit[] {
  const index = populationIndex(pack);
  return pack.units.filter((u) => u.level === pack.levels[1]?.id && unitPopulation(pack, u.code, index) === null);
}
