/** The ids and kinds the view compiler needs, read once from the store (reference data changes only on restart). */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';
import type { Store } from '../store/store.ts';
import type { IndicatorRef, RollupReference } from './compile-view.ts';

export async function loadRollupReference(store: Store, pack: Pack): Promise<RollupReference> {
  const indicators = await store.query<{ id: number; code: string; spec: string }>('SELECT id, code, spec::VARCHAR AS spec FROM indicators');
  const units = await store.query<{ id: number; code: string; depth: number }>("SELECT id, code, depth FROM units WHERE era = 'current'");
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
          },
        ];
      }),
    ),
    units: new Map(units.map((u) => [u.code, { id: u.id, depth: u.depth }])),
  };
}
