/**
 * When the weekly briefing is made: a weekday and a time of day in the pack's time zone
 * ("mon 07:00"). Pure, but for the clock it is given.
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface BriefingTime {
  weekday: number;
  hour: number;
  minute: number;
}

export function parseBriefingTime(text: string): BriefingTime | { error: string } {
  const m = /^(sun|mon|tue|wed|thu|fri|sat)\s+(\d{1,2}):(\d{2})$/i.exec(text.trim());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return { error: `a weekday and a time, like "mon 07:00", got "${text}"` };
  return { weekday: DAYS.indexOf(m[1]!.toLowerCase()), hour: Number(m[2]), minute: Number(m[3]) };
}

/** The wall-clock fields of an instant in a time zone. */
function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    .formatToParts(at)
    .reduce<Record<string, number>>((o, p) => (p.type === 'literal' ? o : { ...o, [p.type]: Number(p.value) }), {});
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The next instant after `now` at that weekday and time in the time zone. */
export function nextBriefingAt(time: BriefingTime, timeZone: string, now: Date): Date {
  const local = localParts(now, timeZone);
  // The zone's offset now; stepping whole days in local time, then converting back, keeps to it.
  const offset = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - Math.floor(now.getTime() / 1000) * 1000;
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  for (let ahead = 0; ahead <= 7; ahead++) {
    if ((weekday + ahead) % 7 !== time.weekday) continue;
    const at = new Date(Date.UTC(local.year, local.month - 1, local.day + ahead, time.hour, time.minute) - offset);
    if (at > now) return at;
  }
  throw new Error('unreachable: a weekday comes round within 8 days');
}
