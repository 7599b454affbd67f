/**
 * Which population a unit has, when a pack holds several: the department's documents (population
 * per area, e.g. BC-SYT-NT-2024H1 Bảng 2) and a list of every commune (the 2025 merger proposals'
 * counts, written by `npm run pack -- population`). Pure, shared by the server (the overview of
 * /api/units, the rollup's coverage), the demo and `pack check`.
 *
 * The rule, one for every unit:
 * 1. A unit's **own figure** (a row of population.csv for it; the latest year) wins over any sum of
 *    the units below it. A document of the department is the only source of own figures above the
 *    communes (the list gives communes only), and where a document gives a commune the pack
 *    command writes no list row for it: so a document always wins over the list.
 * 2. Else the **sum** over the nearest level below whose units under it all have an own figure
 *    **of one source and year**: an area the document does not give is the sum of its communes
 *    in the list; a province whose areas the document gives in full is the sum of the document's
 *    areas (Ninh Thuận: 661.543), not of the list's communes (645.144).
 * 3. A figure is never of two sources: where no level below is complete in one source, the unit
 *    has no population (the overview says so) rather than a sum that mixes them.
 * Every other source the pack holds for the unit or the units below it is returned as `notUsed`,
 * with how much of the unit it covers, so that a screen says which figure it used and which not.
 */
import type { Pack, Population } from './pack.ts';

export interface PopulationFigure {
  year: number;
  value: number;
  /** The document as population.csv names it; a sum names the document of the units it adds up. */
  source: string;
  /** A sum over this many units of this level (absent: the unit's own figure). */
  sum?: { level: string; units: number };
}

/** A source the pack holds for a unit or the units under it, and did not use for its figure. */
export interface UnusedPopulation {
  source: string;
  year: number;
  /** The level whose units it gives, and how many of the unit's units at that level it gives. */
  level: string;
  units: number;
  of: number;
  /** Its figure for the unit where it gives all of them (its own figure, or their sum); else null. */
  value: number | null;
}

export interface UnitPopulation extends PopulationFigure {
  notUsed: UnusedPopulation[];
}

type PackPopulation = Pick<Pack, 'levels' | 'units' | 'population'>;

/** Each unit's own figure: its latest year's row. */
function ownFigures(pack: PackPopulation): Map<string, Population> {
  const own = new Map<string, Population>();
  for (const p of pack.population) {
    const known = own.get(p.unitCode);
    if (!known || p.year > known.year) own.set(p.unitCode, p);
  }
  return own;
}

/** What a pack's units are made of, read once: levels, children, own figures. */
export function populationIndex(pack: PackPopulation) {
  const levelIds = pack.levels.map((l) => l.id);
  const children = new Map<string, string[]>();
  for (const u of pack.units) if (u.parentCode !== null) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);
  const level = new Map(pack.units.map((u) => [u.code, u.level]));
  const own = ownFigures(pack);
  /** A unit's units `depth` levels below it. */
  const below = (code: string, depth: number): string[] => (depth === 0 ? [code] : (children.get(code) ?? []).flatMap((c) => below(c, depth - 1)));
  return { levelIds, level, own, below };
}

/** A unit's population by the rule above; null where the pack gives none that is whole and of one source. */
export function unitPopulation(pack: PackPopulation, code: string, index = populationIndex(pack)): UnitPopulation | null {
  const { levelIds, level, own, below } = index;
  const depth = levelIds.indexOf(level.get(code) ?? '');
  if (depth < 0) return null;
  // Every source the pack holds for the unit (its own figure) and for the units below it, nearest level first.
  const candidates: (UnusedPopulation & { sum?: PopulationFigure['sum'] })[] = [];
  const mine = own.get(code);
  if (mine) candidates.push({ source: mine.source, year: mine.year, level: levelIds[depth]!, units: 1, of: 1, value: mine.population });
  for (let d = depth + 1; d < levelIds.length; d++) {
    const units = below(code, d - depth);
    const groups = new Map<string, { source: string; year: number; units: number; value: number }>();
    for (const u of units) {
      const p = own.get(u);
      if (!p) continue;
      const key = `${p.year}\u0000${p.source}`;
      const g = groups.get(key) ?? { source: p.source, year: p.year, units: 0, value: 0 };
      groups.set(key, { ...g, units: g.units + 1, value: g.value + p.population });
    }
    for (const g of groups.values())
      candidates.push({ ...g, level: levelIds[d]!, of: units.length, value: g.units === units.length ? g.value : null, sum: { level: levelIds[d]!, units: g.units } });
  }
  const used = candidates.find((c) => c.value !== null);
  if (!used) return null;
  const notUsed = candidates
    .filter((c) => c !== used && !(c.source === used.source && c.year === used.year))
    .map(({ source, year, level, units, of, value }) => ({ source, year, level, units, of, value }));
  return { year: used.year, value: used.value!, source: used.source, ...(used.sum ? { sum: used.sum } : {}), notUsed };
}

/** Every unit's population by the rule (null where it has none). */
export function unitPopulations(pack: PackPopulation): Map<string, UnitPopulation | null> {
  const index = populationIndex(pack);
  return new Map(pack.units.map((u) => [u.code, unitPopulation(pack, u.code, index)]));
}

/**
 * People of each unit for comparing units of one level with each other (the rollup's share of
 * people covered): every unit of a level from **one source and year**, so a share never sets one
 * unit's document figure against another's list figure. For each level, the nearest level at or
 * below it whose units (all of the pack's) have their own figures of one source and year; each
 * unit counts the sum of its units there. A level with none such is left out (shares then count
 * reporters, not people). Ninh Thuận: areas by BC-SYT-NT-2024H1 Bảng 2, communes by the list;
 * today's Khánh Hòa: areas and communes by the list, which alone gives all 16 areas.
 */
export function levelPopulations(pack: PackPopulation): Map<string, number> {
  const { levelIds, own, below } = populationIndex(pack);
  const at = (depth: number) => pack.units.filter((u) => u.level === levelIds[depth]).map((u) => u.code);
  const oneSource = (codes: string[]) => {
    const figures = codes.map((c) => own.get(c));
    if (figures.length === 0 || figures.some((p) => !p)) return false;
    return figures.every((p) => p!.source === figures[0]!.source && p!.year === figures[0]!.year);
  };
  const people = new Map<string, number>();
  for (let depth = 0; depth < levelIds.length; depth++) {
    let basis = depth;
    while (basis < levelIds.length && !oneSource(at(basis))) basis++;
    if (basis === levelIds.length) continue;
    for (const code of at(depth)) people.set(code, below(code, basis - depth).reduce((n, c) => n + own.get(c)!.population, 0));
  }
  return people;
}
