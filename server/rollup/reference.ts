/** What the view compiler and the row presenter need from the store, read once (reference data changes only on restart). */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { FacilityKind, Pack } from '../../data/schema/pack.ts';
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
  const facilities = await store.query<{ id: number; code: string; short_name: string; kind: FacilityKind; unit_code: string }>(
    'SELECT f.id, f.code, f.short_name, f.kind, u.code AS unit_code FROM facilities f JOIN units u ON u.id = f.unit_id',
  );
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
  };
}
