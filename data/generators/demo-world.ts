/**
 * The demo province the recipes draw from: its reporting facilities (with synthetic demo
 * reporting points when scaled up), the communes of each era, and a population for each unit,
 * split from the pack's area populations (population.csv, by the rule of population.ts). Where the
 * pack gives an area none, its units have none either: the recipes that need one leave them out,
 * never inventing people.
 */
import type { Facility, Pack } from '../schema/pack.ts';
import { populationIndex, unitPopulation } from '../schema/population.ts';
import { noise } from './noise.ts';

export interface DemoWorld {
  pack: Pack;
  facilities: Facility[];
  /** Communes reporting in a period: the former era's before the reorganisation, today's after. */
  communesAt(day: string): { code: string; areaCode: string }[];
  areas: string[];
  /** Population of an area, or of a commune of the era in force on that day; null where the pack gives its area none. */
  population(code: string, day: string): number | null;
}

/**
 * A pack with `scale − 1` extra demo reporting points per commune (after the 2025 merger many
 * former stations work on as "điểm trạm"), so that benchmarks can reach tens of millions of facts.
 */
export function scalePack(pack: Pack, scale: number): Pack {
  if (scale <= 1) return pack;
  const extra: Facility[] = pack.units
    .filter((u) => u.level === 'commune')
    .flatMap((u) =>
      Array.from({ length: scale - 1 }, (_, k) => ({
        code: `TYT-${u.code}-D${k + 1}`,
        name: `Điểm trạm y tế demo ${k + 1} – ${u.name}`,
        shortName: `Điểm trạm ${k + 1} ${u.name}`,
        kind: 'commune_health_station' as const,
        tier: 'commune' as const,
        unitCode: u.code,
        location: null,
      })),
    );
  return { ...pack, facilities: [...pack.facilities, ...extra] };
}

const GROWTH_PER_YEAR = 0.012;

export function demoWorld(pack: Pack): DemoWorld {
  const areas = pack.units.filter((u) => u.level === 'area').map((u) => u.code);
  const current = pack.units.filter((u) => u.level === 'commune').map((u) => ({ code: u.code, areaCode: u.parentCode! }));
  const former = pack.formerUnits
    .filter((u) => u.level === 'commune')
    .map((u) => ({ code: u.code, areaCode: u.parentCode! }));
  // An area's people by the pack's rule (population.ts): its document's figure, else the sum of its communes in the list.
  const index = populationIndex(pack);
  const base = new Map<string, { population: number; year: number }>();
  for (const area of areas) {
    const p = unitPopulation(pack, area, index);
    if (p) base.set(area, { population: p.value, year: p.year });
  }

  // Each commune's share of its area's population: a fixed demo weight per commune and era.
  const share = new Map<string, number>();
  for (const [era, communes] of [['current', current], ['former', former]] as const)
    for (const area of areas) {
      const members = communes.filter((c) => c.areaCode === area);
      const weights = members.map((c) => 0.5 + noise(`population-share:${era}:${c.code}`));
      const total = weights.reduce((s, w) => s + w, 0);
      members.forEach((c, i) => share.set(`${era}:${c.code}`, weights[i]! / total));
    }
  const areaOf = new Map([...current, ...former].map((c) => [c.code, c.areaCode]));

  return {
    pack,
    facilities: pack.facilities,
    areas,
    communesAt: (day) => (day < pack.reorganisation.date ? former : current),
    population(code, day) {
      const year = Number(day.slice(0, 4));
      const era = day < pack.reorganisation.date ? 'former' : 'current';
      const areaCode = areas.includes(code) ? code : areaOf.get(code)!;
      const area = base.get(areaCode);
      if (!area) return null;
      const fraction = code === areaCode ? 1 : share.get(`${era}:${code}`)!;
      return Math.round(area.population * fraction * (1 + GROWTH_PER_YEAR) ** (year - area.year));
    },
  };
}
