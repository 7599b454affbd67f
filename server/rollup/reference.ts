/** What the view compiler and the row presenter need from the store, read once (reference data changes only on restart). */
import { deadlineDays, expectedReporters, type Indicator } from '../../data/schema/indicator.ts';
import { formerProvinceParts, reportingRule, type FacilityKind, type Pack } from '../../data/schema/pack.ts';
import { levelPopulations } from '../../data/schema/population.ts';
import type { Store } from '../store/store.ts';
import type { EntityRef, IndicatorRef, RollupReference } from './compile-view.ts';

export async function loadRollupReference(store: Store, pack: Pack): Promise<RollupReference> {
  const indicators = await store.query<{ id: number; code: string; spec: string }>('SELECT id, code, spec::VARCHAR AS spec FROM indicators');
  const units = await store.query<{ id: number; code: string; name: string; depth: number }>(
    "SELECT id, code, name, depth FROM units WHERE era = 'current'",
  );
  // A former commune without a successor rolls up to itself at commune depth (sync-reference.ts).
  const unplaced = await store.query<{ id: number; code: string; name: string }>(
    "SELECT id, code, name FROM units WHERE era <> 'current' AND successor_id IS NULL AND level = 'commune'",
  );
  // What lies under each unit: units at each depth, and facilities, so a view's size is known before it runs.
  const under = await store.query<{ ancestor_id: number; depth: number | null; n: number }>(
    `SELECT a.ancestor_id, u.depth::INTEGER AS depth, count(*)::INTEGER AS n FROM unit_ancestors a JOIN units u ON u.id = a.unit_id
     WHERE u.era = 'current' OR u.successor_id IS NULL GROUP BY ALL
     UNION ALL
     SELECT a.ancestor_id, NULL, count(*)::INTEGER FROM facilities f JOIN unit_ancestors a ON a.unit_id = f.unit_id GROUP BY ALL`,
  );
  const contents = (id: number) => {
    const mine = under.filter((r) => r.ancestor_id === id);
    const byDepth: number[] = [];
    for (const r of mine) if (r.depth !== null) byDepth[r.depth] = (byDepth[r.depth] ?? 0) + r.n;
    return { under: byDepth, facilities: mine.filter((r) => r.depth === null).reduce((n, r) => n + r.n, 0) };
  };
  const facilities = await store.query<{ id: number; code: string; short_name: string; kind: FacilityKind; unit_code: string; unit_id: number }>(
    'SELECT f.id, f.code, f.short_name, f.kind, u.code AS unit_code, f.unit_id FROM facilities f JOIN units u ON u.id = f.unit_id',
  );
  const ancestorRows = await store.query<{ unit_id: number; depth: number; ancestor_id: number }>(
    "SELECT a.unit_id, a.depth::INTEGER AS depth, a.ancestor_id FROM unit_ancestors a JOIN units u ON u.id = a.unit_id WHERE u.era = 'current'",
  );
  const ancestors = new Map<number, number[]>();
  for (const a of ancestorRows) {
    const list = ancestors.get(a.unit_id) ?? [];
    list[a.depth] = a.ancestor_id;
    ancestors.set(a.unit_id, list);
  }
  // People per unit for the share of people covered (present-rows.ts): every unit of a level from one
  // source and year (population.ts levelPopulations), never one unit's document figure against
  // another's list figure. Ninh Thuận: areas by the department's document (BC-SYT-NT-2024H1 Bảng 2),
  // communes by the 2025 list; where the document gives only some areas (today's Khánh Hòa), areas
  // too are the sums of their communes in the list. A level without one is left out: shares count reporters.
  const unitIds = new Map(units.map((u) => [u.code, u.id]));
  const population = [...levelPopulations(pack)].flatMap(([code, people]) => (unitIds.has(code) ? [{ unit_id: unitIds.get(code)!, population: people }] : []));
  const rule = reportingRule(pack);
  const levelIds = pack.levels.map((l) => l.id);
  return {
    levels: pack.levels.map((l) => l.id),
    reorganisedOn: pack.reorganisation.date,
    indicators: new Map(
      indicators.map((r): [string, IndicatorRef] => {
        const spec = JSON.parse(r.spec) as Indicator;
        return [
          r.code,
          {
            id: r.id,
            kind: spec.kind,
            overTime: spec.over_time ?? null,
            factor: spec.factor,
            direction: spec.direction,
            totalDimension: Object.keys(spec.subgroups)[0] ?? null,
            targets: spec.targets,
            owed: owedBy(spec, levelIds),
            dueDays: deadlineDays(spec, rule),
          },
        ];
      }),
    ),
    units: new Map(units.map((u) => [u.code, { id: u.id, depth: u.depth, ...contents(u.id) }])),
    unitsById: new Map([
      ...units.map((u): [number, EntityRef] => [u.id, { code: u.code, name: u.name, facilityKind: null, unitCode: u.code }]),
      ...unplaced.map((u): [number, EntityRef] => [u.id, { code: u.code, name: u.name, facilityKind: null, unitCode: u.code, former: true }]),
    ]),
    facilitiesById: new Map(
      facilities.map((f): [number, EntityRef] => [f.id, { code: f.code, name: f.short_name, facilityKind: f.kind, unitCode: f.unit_code }]),
    ),
    reporting: rule,
    ancestors,
    facilityUnits: new Map(facilities.map((f) => [f.id, { unitId: f.unit_id, kind: f.kind }])),
    population: new Map(population.map((p) => [p.unit_id, p.population])),
    formerProvinces: formerProvincesOf(pack, new Map(units.map((u) => [u.code, u.id])), ancestors),
  };
}

/** Who owes an indicator each period: units of its reporting level, or facilities of the kinds that must report; no one for surveys. */
function owedBy(spec: Indicator, levels: string[]): IndicatorRef['owed'] {
  const reporters = expectedReporters(spec);
  if (reporters.length === 0) return null;
  if (reporters.includes('unit')) return { depth: levels.indexOf(spec.reporting_level ?? levels.at(-1)!) };
  return { kinds: reporters.filter((r): r is FacilityKind => r !== 'unit') };
}

/**
 * Where today's province was merged from several (formerProvinceParts), which of them each of
 * today's units holds land of, through the crosswalk of former communes; a unit holds what the
 * units under it hold. Null where the former province is the whole of today's.
 */
function formerProvincesOf(pack: Pack, ids: Map<string, number>, ancestors: Map<number, number[]>): { names: string[]; of: Map<number, Set<number>> } | null {
  const parts = formerProvinceParts(pack);
  if (parts.length === 0) return null;
  const parent = new Map(pack.formerUnits.map((u) => [u.code, u.parentCode]));
  const provinceOf = (code: string): number => {
    let at = code;
    for (let up = parent.get(at); up; up = parent.get(at)) at = up;
    return parts.findIndex((p) => p.code === at);
  };
  const of = new Map<number, Set<number>>();
  for (const c of pack.crosswalk) {
    const id = ids.get(c.newCommuneCode);
    const part = provinceOf(c.oldCommuneCode);
    if (id === undefined || part < 0) continue;
    for (const up of ancestors.get(id) ?? []) {
      if (up === undefined) continue;
      of.set(up, (of.get(up) ?? new Set()).add(part));
    }
  }
  return { names: parts.map((p) => p.name), of };
}
