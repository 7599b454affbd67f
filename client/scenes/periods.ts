/** The periods a wall shows, reckoned in the pack's time zone. Pure. */

/** The last month that has ended (its figures may still be provisional). */
import { formatPeriod, lastClosed, lastCompleted, periodEnd, periodOf, today, type Period } from '../../data/schema/period.ts';

export function lastCompleteMonth(timeZone: string, now = new Date()): string {
  const first = periodOf('month', today(timeZone, now)).start;
  const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return formatPeriod(periodOf('month', dayBefore));
}

/** The quarter the scores show: the last complete one at the end of `month` (most of the scheme's indicators are reported monthly or quarterly). */
export function lastCompleteQuarter(month: string): Period {
  return lastCompleted('quarter', periodEnd({ grain: 'month', start: `${month}-01` }));
}

/** The wall's headline month: the last whose reports were due (its end + `dueDays`) before today; later ones are provisional. */
export function lastClosedMonth(timeZone: string, dueDays: number, now = new Date()): string {
  return formatPeriod(lastClosed('month', dueDays, today(timeZone, now)));
}
