/** Answers a data-quality request: checks it against the pack, runs the SQL, shapes the answer. */
import type { Catalogue } from '../../data/schema/indicator.ts';
import { formatPeriod, nextPeriod, parsePeriod, periodEnd, type Grain } from '../../data/schema/period.ts';
import { rate, type Counts, type FlagKind, type QualityAnswer, type QualityRequest } from '../../data/schema/quality.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { compileFlags, compileReports, type QualityScope } from './compile-quality.ts';
import { expectedPeriods } from './expected-periods.ts';

type ReportRow = {
  grouping: number;
  unit_code: string | null;
  unit_name: string | null;
  month: string | null;
  reporter_code: string | null;
  reporter_name: string | null;
  home_code: string | null;
  expected: number;
  received: number;
  on_time: number;
  late: number;
  days_late: number | null;
  demo: boolean;
};

type FlagRow = {
  kind: FlagKind;
  indicator: string;
  entity: string;
  entity_name: string | null;
  period: string | null;
  grain: Grain | null;
  period_start: string | null;
  value: number | null;
  against: number | null;
  refused: boolean;
  batch: number;
  unit_code: string | null;
  unit_name: string | null;
};

const counts = (r: { expected: number; received: number; on_time: number }): Counts => ({
  expected: r.expected,
  received: r.received,
  onTime: r.on_time,
  completeness: rate(r.received, r.expected),
  timeliness: rate(r.on_time, r.expected),
});

/** GROUPING bits of (unit, month, reporter): which of the grouping sets a row belongs to. */
const CELL = 0b001;
const UNIT = 0b011;
const TOTAL = 0b111;
const REPORTER = 0b110;
const LATEST = 10;

function scopeOf(request: QualityRequest, reference: RollupReference): QualityScope {
  const depth = reference.levels.indexOf(request.level);
  if (depth < 0) throw new ViewError([`level: "${request.level}" is not a level of this pack (${reference.levels.join(', ')})`]);
  const parent = request.parent === undefined ? null : reference.units.get(request.parent);
  if (parent === undefined) throw new ViewError([`parent: unit "${request.parent}" is not a unit`]);
  if (parent && parent.depth >= depth) throw new ViewError([`parent: ${request.parent} is not above the ${request.level} level`]);
  return { depth, parentId: parent?.id ?? null };
}

/** `timeoutMs`: for requests, past which the reads are stopped (QueryTimeout). */
export async function runQuality(store: Store, catalogue: Catalogue, reference: RollupReference, request: QualityRequest, today: string, timeoutMs?: number): Promise<QualityAnswer> {
  if (request.indicator && !reference.indicators.has(request.indicator)) throw new ViewError([`indicator: "${request.indicator}" is not in the catalogue`]);
  const scope = scopeOf(request, reference);
  const { periods, reporters } = expectedPeriods(catalogue, reference.levels, reference.reporting, request, today);
  const reports = compileReports(periods, reporters, scope, today);
  const from = `${request.from}-01`;
  const to = periodEnd({ grain: 'month', start: `${request.to}-01` });
  const indicators = request.indicator ? [request.indicator] : catalogue.indicators.map((i) => i.code);
  const flagQuery = compileFlags(indicators, scope, from, to);
  const [rows, flagRows] = await Promise.all([store.query<ReportRow>(reports.sql, reports.params, { timeoutMs }), store.query<FlagRow>(flagQuery.sql, flagQuery.params, { timeoutMs })]);

  const of = (g: number) => rows.filter((r) => r.grouping === g);
  const total = of(TOTAL)[0];
  const byReporter = of(REPORTER);
  const months: string[] = [];
  for (let m = request.from; m <= request.to; m = formatPeriod(nextPeriod({ grain: 'month', start: `${m}-01` }))) months.push(m);
  return {
    request,
    months,
    assessedTo: today,
    cells: of(CELL)
      .map((r) => ({ unit: { code: r.unit_code!, name: r.unit_name! }, month: r.month!, ...counts(r) }))
      .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi') || a.month.localeCompare(b.month)),
    units: of(UNIT)
      .map((r) => ({ unit: { code: r.unit_code!, name: r.unit_name! }, ...counts(r) }))
      .sort((a, b) => (a.completeness ?? 101) - (b.completeness ?? 101) || a.unit.name.localeCompare(b.unit.name, 'vi')),
    total: counts(total ?? { expected: 0, received: 0, on_time: 0 }),
    latest: byReporter
      .map((r) => ({
        reporter: { code: r.reporter_code!, name: r.reporter_name!, unitCode: r.home_code! },
        expected: r.expected,
        missing: r.expected - r.received,
        late: r.late,
        daysLate: r.days_late ?? 0,
      }))
      .filter((r) => r.missing + r.late > 0)
      .sort((a, b) => b.missing + b.late - (a.missing + a.late) || b.daysLate - a.daysLate || a.reporter.code.localeCompare(b.reporter.code))
      .slice(0, LATEST),
    reporters: {
      owing: byReporter.length,
      missing: byReporter.filter((r) => r.received < r.expected).length,
      missingOrLate: byReporter.filter((r) => r.received < r.expected || r.late > 0).length,
    },
    flags: flagRows
      .map((f) => ({
        kind: f.kind,
        indicator: f.indicator,
        entity: f.entity,
        name: f.entity_name,
        unit: f.unit_code ? { code: f.unit_code, name: f.unit_name! } : null,
        period: f.period ?? formatPeriod({ grain: f.grain!, start: f.period_start! }),
        value: f.value,
        against: f.against,
        refused: f.refused,
        batch: f.batch,
      }))
      // Refused rows carry their period as written: keep those of the months shown.
      .filter((f) => {
        const p = parsePeriod(f.period);
        return !('error' in p) && p.start <= to && periodEnd(p) >= from;
      })
      .sort((a, b) => b.period.localeCompare(a.period) || a.kind.localeCompare(b.kind) || a.entity.localeCompare(b.entity)),
    demo: rows.some((r) => r.demo),
  };
}

