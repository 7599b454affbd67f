/**
 * Turns a view's aggregated buckets into the rows a screen shows. Pure. Adds, per row:
 * - the target that applies: the most specific scope (the unit, then the facility kind, then the
 *   province's own, then the nation's), then the narrowest span of years;
 * - status: met at the target, near within 5% of it, below otherwise; for levels, met when every
 *   facility meets it and near when some do; none for a ratio that had to leave out rates
 *   reported without counts (it covers only part of its units);
 * - the change against the previous bucket and the same bucket a year before (52 weeks for weeks);
 * - the rank among the view's entities in that bucket (1 = best; ties share a rank), and the
 *   best or worst N when the view asks for them.
 */
import type { Target } from '../../data/schema/indicator.ts';
import { formatPeriod, periodEnd, periodOf, type Grain } from '../../data/schema/period.ts';
import { FACILITY_LEVEL, type Range, type RollupRow, type Status, type View } from '../../data/schema/view.ts';
import type { EntityRef, IndicatorRef, RollupReference } from './compile-view.ts';

export interface BucketRow {
  indicator: string;
  entity_id: number;
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
}

const NEAR = 0.05;

const shiftDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const shiftYear = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;

export function targetFor(targets: Target[], year: number, entity: EntityRef, viewKind: string | undefined): Target | null {
  const specificity = (t: Target) => ('unit' in t.scope ? 0 : 'facility_kind' in t.scope ? 1 : 'province' in t.scope ? 2 : 3);
  const applies = (t: Target) =>
    year >= t.from_year &&
    year <= t.to_year &&
    ('nation' in t.scope ||
      'province' in t.scope ||
      ('facility_kind' in t.scope && t.scope.facility_kind === (entity.facilityKind ?? viewKind)) ||
      ('unit' in t.scope && t.scope.unit === entity.unitCode));
  return (
    targets
      .filter(applies)
      .sort((a, b) => specificity(a) - specificity(b) || a.to_year - a.from_year - (b.to_year - b.from_year) || b.value - a.value)[0] ?? null
  );
}

export function statusOf(indicator: IndicatorRef, row: BucketRow, target: number | null): Status | null {
  if (target === null) return null;
  if (indicator.kind === 'level') {
    if (row.min_value === null) return null;
    return row.min_value >= target ? 'met' : row.max_value! >= target ? 'near' : 'below';
  }
  if (row.value === null || (indicator.kind === 'ratio' && row.uncounted > 0 && row.facts > 1)) return null;
  if (indicator.direction === 'lower_is_better')
    return row.value <= target ? 'met' : row.value <= target * (1 + NEAR) ? 'near' : 'below';
  return row.value >= target ? 'met' : row.value >= target * (1 - NEAR) ? 'near' : 'below';
}

/** DuckDB's MAP text {2=6, 3=4} as an object of counts by level. */
function parseDistribution(text: string | null): Record<string, number> | null {
  if (!text) return null;
  return Object.fromEntries([...text.matchAll(/(-?[\d.]+)=(\d+)/g)].map((m) => [String(Number(m[1])), Number(m[2])]));
}

/** Smaller is better: lower-is-better values as they are, the others negated; no value last. */
const goodness = (indicator: IndicatorRef, value: number | null) =>
  value === null ? Infinity : indicator.direction === 'lower_is_better' ? value : -value;

export function presentRows(buckets: BucketRow[], view: View, range: Range, reference: RollupReference): RollupRow[] {
  const grain = view.grain;
  const entities = view.level === FACILITY_LEVEL ? reference.facilitiesById : reference.unitsById;
  const byKey = new Map(buckets.map((b) => [`${b.indicator}|${b.entity_id}|${b.bucket}`, b]));
  const valueAt = (b: BucketRow, bucket: string) => byKey.get(`${b.indicator}|${b.entity_id}|${bucket}`)?.value ?? null;
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  const previousOf = (start: string) => (grain === 'range' ? shiftDays(start, -days) : periodOf(grain, shiftDays(start, -1)).start);
  const lastYearOf = (start: string) => (grain === 'week' ? shiftDays(start, -364) : shiftYear(start));

  const rows = buckets
    .filter((b) => b.bucket >= range.from)
    .map((b) => {
      const indicator = reference.indicators.get(b.indicator)!;
      const entity = entities.get(b.entity_id)!;
      const target = targetFor(indicator.targets, Number(b.bucket.slice(0, 4)), entity, view.facilityKind);
      const isRatio = indicator.kind === 'ratio';
      const period =
        grain === 'range'
          ? { grain, start: range.from, end: range.to, label: `${range.from} – ${range.to}` }
          : { grain, start: b.bucket, end: periodEnd({ grain: grain as Grain, start: b.bucket }), label: formatPeriod({ grain: grain as Grain, start: b.bucket }) };
      return {
        indicator: b.indicator,
        entity: { code: entity.code, name: entity.name, facilityKind: entity.facilityKind, ...(entity.former ? { former: true as const } : {}) },
        period,
        numerator: isRatio ? b.numerator : null,
        denominator: isRatio ? b.denominator : null,
        value: b.value,
        facts: b.facts,
        uncounted: isRatio ? b.uncounted : 0,
        distribution: parseDistribution(b.distribution),
        min: b.min_value,
        max: b.max_value,
        target: target ? { value: target.value, source: target.source } : null,
        status: statusOf(indicator, b, target?.value ?? null),
        change: { previous: valueAt(b, previousOf(b.bucket)), lastYear: valueAt(b, lastYearOf(b.bucket)) },
        rank: 0,
        siblings: 0,
        demo: b.demo,
      } satisfies RollupRow;
    });

  // Rank within each indicator and bucket; then keep the best or worst N if asked.
  const groups = new Map<string, RollupRow[]>();
  for (const r of rows) groups.set(`${r.indicator}|${r.period.start}`, [...(groups.get(`${r.indicator}|${r.period.start}`) ?? []), r]);
  const kept: RollupRow[] = [];
  for (const group of groups.values()) {
    const indicator = reference.indicators.get(group[0]!.indicator)!;
    group.sort((a, b) => goodness(indicator, a.value) - goodness(indicator, b.value) || a.entity.code.localeCompare(b.entity.code));
    group.forEach((r, i) => {
      r.rank = i > 0 && goodness(indicator, group[i - 1]!.value) === goodness(indicator, r.value) ? group[i - 1]!.rank : i + 1;
      r.siblings = group.length;
    });
    if (!view.order) kept.push(...group);
    else kept.push(...(view.order === 'best' ? group : [...group].reverse()).slice(0, view.limit ?? 10));
  }
  return kept;
}
