/**
 * Counts mapped as rates per population. Pure. A unit with more people has more visits and more
 * cases, so raw counts colour the populous units, not the ones that stand out.
 */

export interface PerPopulation {
  values: Map<string, number | null>;
  /** People the rates are per: 10.000, or 100.000 for counts rare enough that most rates per 10.000 are under 1. */
  per: number;
  /** Units with a figure but no population, left without a rate. */
  withoutPopulation: number;
}

export function perPopulation(counts: Map<string, number | null>, population: Map<string, number | null>): PerPopulation {
  const rate = (code: string, count: number | null, per: number) => {
    const people = population.get(code);
    return count === null || !people ? null : (count / people) * per;
  };
  const per10k = [...counts].map(([code, count]) => rate(code, count, 10_000)).filter((r): r is number => r !== null && r > 0).sort((a, b) => a - b);
  const per = per10k.length > 0 && per10k[Math.floor(per10k.length / 2)]! < 1 ? 100_000 : 10_000;
  return {
    values: new Map([...counts].map(([code, count]) => [code, rate(code, count, per)])),
    per,
    withoutPopulation: [...counts].filter(([code, count]) => count !== null && !population.get(code)).length,
  };
}

/**
 * The level a count is mapped at: the wanted one when its units all have a population (every
 * shipped pack gives each commune one, from the 2025 list, and each area its document's figure or
 * the sum of its communes: data/schema/population.ts), else the
 * nearest above whose units do (more than one of them, or a map says nothing); failing that, the
 * nearest where some do, so those are drawn and the rest shown without population (a pack whose
 * documents give only some areas); else the wanted one.
 */
export function levelWithPopulation(levels: string[], wanted: string, units: { level: string; population: unknown }[]): string {
  // The wanted level first, then up, never the top (one unit: a map says nothing).
  const candidates = levels.slice(1, levels.indexOf(wanted) + 1).reverse();
  const of = (level: string) => units.filter((u) => u.level === level);
  const all = candidates.find((l) => of(l).length > 1 && of(l).every((u) => u.population));
  const some = candidates.find((l) => of(l).length > 1 && of(l).some((u) => u.population));
  return all ?? some ?? wanted;
}
