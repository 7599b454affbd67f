/**
 * The periods each indicator's reporters owe within the months a quality request shows, with
 * their deadlines, as data for the SQL. Pure. A period belongs to the month its last day falls
 * in (a week to the month of its Thursday, as rollups count weeks); only periods whose deadline
 * has passed by `today` are assessed.
 */
import { deadlineDays, expectedReporters, type Catalogue, type Reporter } from '../../data/schema/indicator.ts';
import type { ReportingRule } from '../../data/schema/pack.ts';
import { completedPeriods, formatPeriod, periodEnd } from '../../data/schema/period.ts';
import type { QualityRequest } from '../../data/schema/quality.ts';

export interface ExpectedPeriod {
  indicator: string;
  period: string;
  start: string;
  end: string;
  deadline: string;
  month: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface ExpectedReporter {
  indicator: string;
  reporter: Reporter;
  /** For units: the depth of the level that reports (the indicator's reporting level, else the lowest). */
  depth: number | null;
}

/** `levels`: the pack's level ids, top first. */
export function expectedPeriods(catalogue: Catalogue, levels: string[], rule: ReportingRule, request: QualityRequest, today: string): { periods: ExpectedPeriod[]; reporters: ExpectedReporter[] } {
  const indicators = catalogue.indicators.filter((i) => !request.indicator || i.code === request.indicator);
  const from = `${request.from}-01`;
  const to = periodEnd({ grain: 'month', start: `${request.to}-01` });
  const periods = indicators.flatMap((i) =>
    completedPeriods(i.frequency, addDays(from, -6), addDays(to, 6)).flatMap((p) => {
      const end = periodEnd(p);
      const day = p.grain === 'week' ? addDays(p.start, 3) : end;
      const deadline = addDays(end, deadlineDays(i, rule));
      const month = day.slice(0, 7);
      return month >= request.from && month <= request.to && deadline < today ? [{ indicator: i.code, period: formatPeriod(p), start: p.start, end, deadline, month }] : [];
    }),
  );
  const reporters = indicators.flatMap((i) =>
    expectedReporters(i).map((reporter) => ({
      indicator: i.code,
      reporter,
      depth: reporter === 'unit' ? levels.indexOf(i.reporting_level ?? levels.at(-1)!) : null,
    })),
  );
  return { periods, reporters };
}
