/**
 * Turns a view's aggregated buckets into the rows a screen shows. Pure. Adds, per row:
 * - the target that applies: the most specific scope (the unit, then the facility kind, then the
 *   province's own, then the nation's), then the narrowest span of years;
 * - what the figure is (Finality, view.ts): provisional until the due date of its period's reports
 *   has passed, partial when fewer of its owed reporters sent figures than the pack's
 *   complete_at (of people, where the reporters are units with a population), final otherwise;
 *   and its coverage, who sent what it adds up (compile-coverage.ts);
 * - status, only for a final figure: met at the target, near within 5% of it, below otherwise; for
 *   levels, met when every facility meets it and near when some do; none for a ratio that had to
 *   leave out rates reported without counts (it covers only part of its units). statusOf is the
 *   one place attainment is decided: the attention list, the briefing and every screen read it;
 * - the change against the previous bucket and the same bucket a year before (52 weeks for
 *   weeks), where both figures are final;
 * - the rank among the view's final figures in that bucket (1 = best; ties share a rank), the
 *   others after them unranked, and the best or worst N when the view asks for them.
 */
import type { Target } from '../../data/schema/indicator.ts';
import type { FacilityKind } from '../../data/schema/pack.ts';
import { formatPeriod, periodEnd, periodOf, type Grain } from '../../data/schema/period.ts';
import { FACILITY_LEVEL, type Coverage, type Finality, type Range, type RollupRow, type Status, type View } from '../../data/schema/view.ts';
import type { CoverageRow } from './compile-coverage.ts';
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

/**
 * Who owed each entity of a view its figure and who sent one: the owed reporters under the entity
 * (units at the indicator's reporting depth, or facilities of the kinds that must report, narrowed
 * to the view's kind), and those of them among the bucket's reporters.
 */
function coverageOf(view: View, reference: RollupReference, reporters: CoverageRow[]) {
  const depth = reference.levels.indexOf(view.level);
  const sent = new Map<string, number[]>();
  // Facilities counted by unit and kind (the monthly summary), not by name.
  const counted = new Map<string, CoverageRow[]>();
  for (const r of reporters) {
    const key = `${r.indicator}|${r.bucket}`;
    // Pushed, not copied: a bucket of a large province holds thousands of reporters.
    if (r.reporter !== null) (sent.get(key) ?? sent.set(key, []).get(key)!).push(r.reporter);
    else (counted.get(key) ?? counted.set(key, []).get(key)!).push(r);
  }
  // Indexes built once a view, on first use: the units of a depth, and the facilities, by the entity they lie under.
  const byDepth = new Map<number, Map<number, number[]>>();
  const unitsUnder = (d: number) => {
    let index = byDepth.get(d);
    if (!index) {
      index = new Map();
      for (const [id, up] of reference.ancestors) {
        if (up.length - 1 !== d || up[depth] === undefined) continue;
        const list = index.get(up[depth]!) ?? [];
        if (list.length === 0) index.set(up[depth]!, list);
        list.push(id);
      }
      byDepth.set(d, index);
    }
    return index;
  };
  let facilityIndex: Map<number, number[]> | undefined;
  const facilitiesUnder = () => {
    if (!facilityIndex) {
      facilityIndex = new Map();
      for (const [id, f] of reference.facilityUnits) {
        const entity = reference.ancestors.get(f.unitId)?.[depth];
        if (entity === undefined) continue;
        const list = facilityIndex.get(entity) ?? [];
        if (list.length === 0) facilityIndex.set(entity, list);
        list.push(id);
      }
    }
    return facilityIndex;
  };
  const owedUnder = new Map<string, { expected: number[]; set: Set<number>; byKind: Map<string, number>; everyone: number; parts: Set<number> }>();
  // A view of one kind of facility is owed by that kind.
  const kindsOf = (owed: { kinds: FacilityKind[] }) => (view.facilityKind ? [view.facilityKind] : owed.kinds);

  const people = (ids: number[]) => ids.reduce((n, id) => n + (reference.population.get(id) ?? NaN), 0);
  const parts = (units: number[]) => new Set(units.flatMap((id) => [...(reference.formerProvinces?.of.get(id) ?? [])]));

  return (indicator: IndicatorRef, indicatorCode: string, entity: number, bucket: string): Coverage | null => {
    const owed = indicator.owed;
    if (view.level === FACILITY_LEVEL || owed === null || depth < 0) return null;
    if ('depth' in owed && owed.depth < depth) return null;
    const key = `${indicatorCode}|${'depth' in owed ? owed.depth : kindsOf(owed).join(',')}|${entity}`;
    let owing = owedUnder.get(key);
    if (!owing) {
      const expected =
        'depth' in owed
          ? (unitsUnder(owed.depth).get(entity) ?? [])
          : (facilitiesUnder().get(entity) ?? []).filter((id) => kindsOf(owed).includes(reference.facilityUnits.get(id)!.kind));
      // Owed facilities by kind, the most each kind's count can reach.
      const byKind = new Map<string, number>();
      if ('kinds' in owed) for (const id of expected) byKind.set(reference.facilityUnits.get(id)!.kind, (byKind.get(reference.facilityUnits.get(id)!.kind) ?? 0) + 1);
      owing = { expected, set: new Set(expected), byKind, everyone: 'depth' in owed ? people(expected) : NaN, parts: 'depth' in owed ? parts(expected) : new Set<number>() };
      owedUnder.set(key, owing);
    }
    const { expected, set, byKind, everyone } = owing;
    const reported = [...new Set(sent.get(`${indicatorCode}|${bucket}`) ?? [])].filter((id) => set.has(id));
    // Facilities come counted by kind under the entity: at most the owed facilities of that kind there.
    let byCount = 0;
    if ('kinds' in owed) {
      const sentByKind = new Map<string, number>();
      for (const c of counted.get(`${indicatorCode}|${bucket}`) ?? []) if (c.unit === entity) sentByKind.set(c.kind!, (sentByKind.get(c.kind!) ?? 0) + c.n);
      for (const [kind, n] of sentByKind) byCount += Math.min(n, byKind.get(kind) ?? 0);
    }
    // Which former provinces: known of units by name (a facility may stand at the province's own unit).
    const covered = parts(reported);
    const formerOnly =
      reference.formerProvinces && 'depth' in owed && covered.size > 0 && covered.size < owing.parts.size
        ? [...covered].sort().map((i) => reference.formerProvinces!.names[i]!)
        : null;
    return {
      reporters: 'depth' in owed ? { level: reference.levels[owed.depth]! } : { facilities: true },
      expected: expected.length,
      reported: Math.min(expected.length, reported.length + byCount),
      population: everyone > 0 ? people(reported) / everyone : null,
      formerOnly,
    };
  };
}

/** The share that decides whether a figure is complete enough: of people where known, else of reporters. */
const coveredShare = (c: Coverage): number => c.population ?? (c.expected > 0 ? c.reported / c.expected : 1);

function finalityOf(due: string, today: string, coverage: Coverage | null, completeAt: number): Finality {
  if (today <= due) return 'provisional';
  return coverage && coveredShare(coverage) < completeAt ? 'partial' : 'final';
}

export function presentRows(buckets: BucketRow[], view: View, range: Range, reference: RollupReference, reporters: CoverageRow[], today: string): RollupRow[] {
  const grain = view.grain;
  const entities = view.level === FACILITY_LEVEL ? reference.facilitiesById : reference.unitsById;
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
  const previousOf = (start: string) => (grain === 'range' ? shiftDays(start, -days) : periodOf(grain, shiftDays(start, -1)).start);
  const lastYearOf = (start: string) => (grain === 'week' ? shiftDays(start, -364) : shiftYear(start));
  const endOf = (start: string) => (grain === 'range' ? shiftDays(start, days - 1) : periodEnd({ grain: grain as Grain, start }));
  const coverage = coverageOf(view, reference, reporters);
  // Every bucket's finality first: a change is shown only between two final figures.
  const judged = buckets.map((b) => {
    const indicator = reference.indicators.get(b.indicator)!;
    const cover = coverage(indicator, b.indicator, b.entity_id, b.bucket);
    const due = shiftDays(endOf(b.bucket), indicator.dueDays);
    return { b, indicator, cover, due, finality: finalityOf(due, today, cover, reference.reporting.complete_at) };
  });
  const byKey = new Map(judged.map((j) => [`${j.b.indicator}|${j.b.entity_id}|${j.b.bucket}`, j]));
  const finalValueAt = (b: BucketRow, bucket: string) => {
    const j = byKey.get(`${b.indicator}|${b.entity_id}|${bucket}`);
    return j?.finality === 'final' ? j.b.value : null;
  };

  const rows = judged
    .filter(({ b }) => b.bucket >= range.from)
    .map(({ b, indicator, cover, due, finality }) => {
      const entity = entities.get(b.entity_id)!;
      const target = targetFor(indicator.targets, Number(b.bucket.slice(0, 4)), entity, view.facilityKind);
      const isRatio = indicator.kind === 'ratio';
      const final = finality === 'final';
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
        status: final ? statusOf(indicator, b, target?.value ?? null) : null,
        finality,
        due,
        coverage: cover,
        change: final ? { previous: finalValueAt(b, previousOf(b.bucket)), lastYear: finalValueAt(b, lastYearOf(b.bucket)) } : { previous: null, lastYear: null },
        rank: null as number | null,
        siblings: 0,
        demo: b.demo,
      } satisfies RollupRow;
    });

  // Rank the final figures within each indicator and bucket, the others after them unranked; then keep the best or worst N if asked.
  const groups = new Map<string, RollupRow[]>();
  for (const r of rows) groups.set(`${r.indicator}|${r.period.start}`, [...(groups.get(`${r.indicator}|${r.period.start}`) ?? []), r]);
  const kept: RollupRow[] = [];
  for (const group of groups.values()) {
    const indicator = reference.indicators.get(group[0]!.indicator)!;
    const byGoodness = (a: RollupRow, b: RollupRow) => goodness(indicator, a.value) - goodness(indicator, b.value) || a.entity.code.localeCompare(b.entity.code);
    const ranked = group.filter((r) => r.finality === 'final').sort(byGoodness);
    const unranked = group.filter((r) => r.finality !== 'final').sort(byGoodness);
    ranked.forEach((r, i) => {
      r.rank = i > 0 && goodness(indicator, ranked[i - 1]!.value) === goodness(indicator, r.value) ? ranked[i - 1]!.rank : i + 1;
    });
    for (const r of group) r.siblings = ranked.length;
    if (!view.order) kept.push(...ranked, ...unranked);
    // Worst first asks for both lists reversed: the final figures still come before the others.
    else kept.push(...(view.order === 'best' ? [...ranked, ...unranked] : [...ranked.reverse(), ...unranked.reverse()]).slice(0, view.limit ?? 10));
  }
  return kept;
}
