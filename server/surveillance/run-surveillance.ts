/**
 * Answers a surveillance request: the weekly counts of the units (from the rollup, the same
 * Σ as every screen), with the weeks of history the indicator's threshold needs before them,
 * judged week by week (thresholds.ts).
 */
import type { Catalogue } from '../../data/schema/indicator.ts';
import { formatPeriod, lastCompleted, parsePeriod, periodOf, type Period } from '../../data/schema/period.ts';
import type { JudgedWeek, SurveillanceAnswer, SurveillanceRequest } from '../../data/schema/surveillance.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView, ViewError } from '../rollup/run-view.ts';
import type { Store } from '../store/store.ts';
import { EARS_BASELINE, judgeWeeks, type AlertRule } from './thresholds.ts';

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Weeks of history a rule reads before the first week it judges: its years (53 weeks each, and the window), or EARS's baseline and lags. */
export const historyWeeks = (rule: AlertRule) => Math.max(rule.years * 53 + rule.window, EARS_BASELINE + 4);

export async function runSurveillance(
  store: Store,
  catalogue: Catalogue,
  reference: RollupReference,
  request: SurveillanceRequest,
  today: string,
  timeoutMs?: number,
): Promise<SurveillanceAnswer> {
  const indicator = catalogue.indicators.find((i) => i.code === request.indicator);
  if (!indicator) throw new ViewError([`indicator: no indicator "${request.indicator}"`]);
  if (!indicator.alert) throw new ViewError([`indicator: ${request.indicator} has no epidemic threshold (alert) in the catalogue`]);
  const { method: _method, ...rule } = indicator.alert;
  const last: Period = request.to ? (parsePeriod(request.to) as Period) : lastCompleted('week', today);
  const first = periodOf('week', addDays(last.start, -7 * (request.weeks - 1)));
  const history = periodOf('week', addDays(first.start, -7 * historyWeeks(rule)));
  const answer = await runView(
    store,
    reference,
    { indicators: [indicator.code], level: request.level, ...(request.parent ? { parent: request.parent } : {}), grain: 'week', from: formatPeriod(history), to: formatPeriod(last) },
    today,
    timeoutMs,
  );
  const mondays: string[] = [];
  for (let d = history.start; d <= last.start; d = addDays(d, 7)) mondays.push(d);
  const entities = new Map<string, { code: string; name: string; former?: true; counts: Map<string, number | null> }>();
  for (const row of answer.rows) {
    const key = `${row.entity.former ? 'former:' : ''}${row.entity.code}`;
    const entity = entities.get(key) ?? { code: row.entity.code, name: row.entity.name, ...(row.entity.former ? { former: true as const } : {}), counts: new Map() };
    entity.counts.set(row.period.start, row.value);
    entities.set(key, entity);
  }
  const from = mondays.indexOf(first.start);
  const label = (start: string) => formatPeriod({ grain: 'week', start });
  const units = [...entities.values()].map(({ counts, ...entity }) => ({
    ...entity,
    weeks: judgeWeeks(
      mondays.map((start) => ({ start, count: counts.get(start) ?? null })),
      rule,
      from,
    ).map((w): JudgedWeek => ({ week: label(w.start), ...w })),
  }));
  return {
    request,
    rule,
    weeks: mondays.slice(from).map((start) => ({ week: label(start), start })),
    units: units.sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    demo: answer.rows.some((r) => r.demo),
  };
}
