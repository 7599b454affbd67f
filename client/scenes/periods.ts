/** The period a wall shows: the last complete month, reckoned in the pack's time zone. Pure. */
import { formatPeriod, lastCompleted, periodEnd, periodOf, today, type Period } from '../../data/schema/period.ts';

export function lastCompleteMonth(timeZone: string, now = new Date()): string {
  const first = periodOf('month', today(timeZone, now)).start;
  const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return formatPeriod(periodOf('month', dayBefore));
}

/** The quarter the scores show: the last complete one at the end of `month` (most of the scheme's indicators are reported monthly or quarterly). */
export function lastCompleteQuarter(month: string): Period {
  return lastCompleted('quarter', periodEnd({ grain: 'month', start: `${month}-01` }));
}
