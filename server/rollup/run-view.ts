/** Answers a view: resolves its days against today, compiles it, runs it, and shapes the rows. */
import { formatPeriod, periodEnd, type Grain } from '../../data/schema/period.ts';
import { resolveRange, type RollupAnswer, type RollupRow, type Status, type View } from '../../data/schema/view.ts';
import type { Store } from '../store/store.ts';
import { compileView, type RollupReference } from './compile-view.ts';

interface SqlRow {
  indicator: string;
  entity_code: string;
  entity_name: string;
  facility_kind: string | null;
  bucket: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  facts: number;
  uncounted: number;
  min_value: number | null;
  max_value: number | null;
  distribution: string | null;
  demo: boolean;
  target: number | null;
  target_source: string | null;
  status: Status | null;
  previous_value: number | null;
  last_year_value: number | null;
  rank: number;
  siblings: number;
}

export class ViewError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

/** DuckDB's MAP text {2=6, 3=4} as an object of counts by level. */
function parseDistribution(text: string | null): Record<string, number> | null {
  if (!text) return null;
  return Object.fromEntries(
    [...text.matchAll(/(-?[\d.]+)=(\d+)/g)].map((m) => [String(Number(m[1])), Number(m[2])]),
  );
}

export async function runView(store: Store, reference: RollupReference, view: View, today: string): Promise<RollupAnswer> {
  const range = resolveRange(view, today);
  if ('error' in range) throw new ViewError([range.error]);
  const compiled = compileView(view, range, reference);
  if (compiled.errors.length > 0) throw new ViewError(compiled.errors);
  const found = await store.query<SqlRow & Record<string, unknown>>(compiled.sql, compiled.params);
  const rows = found.map((r): RollupRow => {
    const isRatio = reference.indicators.get(r.indicator)!.kind === 'ratio';
    const period =
      view.grain === 'range'
        ? { grain: view.grain, start: range.from, end: range.to, label: `${range.from} – ${range.to}` }
        : { grain: view.grain, start: r.bucket, end: periodEnd({ grain: view.grain as Grain, start: r.bucket }), label: formatPeriod({ grain: view.grain as Grain, start: r.bucket }) };
    return {
      indicator: r.indicator,
      entity: { code: r.entity_code, name: r.entity_name, facilityKind: r.facility_kind },
      period,
      numerator: isRatio ? r.numerator : null,
      denominator: isRatio ? r.denominator : null,
      value: r.value,
      facts: r.facts,
      uncounted: isRatio ? r.uncounted : 0,
      distribution: parseDistribution(r.distribution),
      min: r.min_value,
      max: r.max_value,
      target: r.target === null ? null : { value: r.target, source: r.target_source! },
      status: r.status,
      change: { previous: r.previous_value, lastYear: r.last_year_value },
      rank: r.rank,
      siblings: r.siblings,
      demo: r.demo,
    };
  });
  return { view, range, rows };
}
