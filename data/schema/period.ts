/**
 * Vietnamese calendar periods as data: a grain and a start date (in Asia/Ho_Chi_Minh, where
 * periods are reckoned). Written as 2024-05-17, 2024-W20 (ISO week), 2024-05, 2024-Q2,
 * 2024-H1 ("6 tháng đầu năm") or 2024. Pure functions over ISO date strings; no time zone
 * arithmetic is needed because a period is a run of whole calendar days.
 */

export const GRAINS = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** Each grain in words (Vietnamese, English) and how often it comes, for sentences about periods. */
export const GRAIN_WORDS: Record<Grain, { vi: string; en: string; every: string }> = {
  day: { vi: 'ngày', en: 'day', every: 'daily' },
  week: { vi: 'tuần', en: 'week', every: 'weekly' },
  month: { vi: 'tháng', en: 'month', every: 'monthly' },
  quarter: { vi: 'quý', en: 'quarter', every: 'quarterly' },
  half: { vi: '6 tháng', en: 'half-year', every: 'half-yearly' },
  year: { vi: 'năm', en: 'year', every: 'yearly' },
};

export interface Period {
  grain: Grain;
  /** First day, YYYY-MM-DD. */
  start: string;
}

export const PERIOD_FORMATS = '2024-05-17, 2024-W20, 2024-05, 2024-Q2, 2024-H1 or 2024';

/** Years a period may fall in: health statistics of this system, not the calendar's whole range. */
export const YEARS = { min: 1900, max: 2199 } as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = utc(year, 1, 4);
  return utc(year, 1, 4 - ((jan4.getUTCDay() + 6) % 7));
}

function isoWeeksInYear(year: number): number {
  const next = isoWeekOneMonday(year + 1).getTime();
  return Math.round((next - isoWeekOneMonday(year).getTime()) / (7 * 86_400_000));
}

/** Why a text names no period: not in the notation, no such calendar day, or no such ISO week. */
export interface PeriodError {
  error: string;
  reason: 'form' | 'date' | 'week' | 'year';
  /** For 'week': the year and its number of ISO weeks. */
  year?: number;
  weeks?: number;
}

/** The period a text names, or why it names none. */
export function parsePeriod(text: string): Period | PeriodError {
  const s = text.trim();
  const year = Number(s.slice(0, 4));
  if (/^\d{4}/.test(s) && (year < YEARS.min || year > YEARS.max))
    return { error: `"${text}": the year must be between ${YEARS.min} and ${YEARS.max}`, reason: 'year', year };
  let m: RegExpMatchArray | null;
  const bad: PeriodError = { error: `"${text}" is not a period (use ${PERIOD_FORMATS})`, reason: 'form' };
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = utc(y, mo, d);
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { error: `"${text}" is not a calendar date`, reason: 'date' };
    return { grain: 'day', start: iso(date) };
  }
  if ((m = s.match(/^(\d{4})-W(\d{2})$/i))) {
    const [y, w] = [Number(m[1]), Number(m[2])];
    if (w < 1 || w > isoWeeksInYear(y))
      return { error: `"${text}": ${y} has ISO weeks 1–${isoWeeksInYear(y)}`, reason: 'week', year: y, weeks: isoWeeksInYear(y) };
    const monday = isoWeekOneMonday(y);
    monday.setUTCDate(monday.getUTCDate() + (w - 1) * 7);
    return { grain: 'week', start: iso(monday) };
  }
  if ((m = s.match(/^(\d{4})-(\d{2})$/))) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { grain: 'month', start: `${m[1]}-${m[2]}-01` } : bad;
  }
  if ((m = s.match(/^(\d{4})-Q([1-4])$/i))) return { grain: 'quarter', start: `${m[1]}-${pad(Number(m[2]) * 3 - 2)}-01` };
  if ((m = s.match(/^(\d{4})-H([12])$/i))) return { grain: 'half', start: `${m[1]}-${m[2] === '1' ? '01' : '07'}-01` };
  if ((m = s.match(/^(\d{4})$/))) return { grain: 'year', start: `${m[1]}-01-01` };
  return bad;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The notation for a period written another common way (07/2017, Quý 2/2024, 6 tháng đầu năm
 * 2024, 202405), to suggest to the person: never read in its place, since 05/06/2024 or 202405
 * could be meant otherwise.
 */
export function suggestPeriod(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const year = '(\\d{4})';
  let m: RegExpMatchArray | null;
  const ok = (p: Period | PeriodError) => ('error' in p ? null : formatPeriod(p));
  if ((m = s.match(new RegExp(`^(\\d{1,2})[/.-]${year}$`)))) return ok(parsePeriod(`${m[2]}-${m[1]!.padStart(2, '0')}`));
  if ((m = s.match(new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-]${year}$`))))
    return ok(parsePeriod(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`));
  if ((m = s.match(new RegExp(`^(?:tháng|t) ?(\\d{1,2}) ?[/ -] ?(?:năm )?${year}$`)))) return ok(parsePeriod(`${m[2]}-${m[1]!.padStart(2, '0')}`));
  if ((m = s.match(new RegExp(`^(?:quý|q) ?([1-4]|iv|i{1,3}) ?[/ -] ?(?:năm )?${year}$`))))
    return `${m[2]}-Q${ROMAN[m[1]!] ?? m[1]}`;
  if ((m = s.match(new RegExp(`^(?:tuần|w) ?(\\d{1,2}) ?[/ -] ?(?:năm )?${year}$`)))) return ok(parsePeriod(`${m[2]}-W${m[1]!.padStart(2, '0')}`));
  if ((m = s.match(new RegExp(`^6 tháng (đầu|cuối) năm ${year}$`)))) return `${m[2]}-H${m[1] === 'đầu' ? 1 : 2}`;
  if ((m = s.match(new RegExp(`^(?:năm )${year}$`)))) return m[1]!;
  if ((m = s.match(/^(\d{4})(\d{2})$/))) return ok(parsePeriod(`${m[1]}-${m[2]}`));
  return null;
}

/** The period's last day, YYYY-MM-DD. */
export function periodEnd({ grain, start }: Period): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const months = { month: 1, quarter: 3, half: 6, year: 12 } as const;
  const end =
    grain === 'day' ? utc(y, m, d) : grain === 'week' ? utc(y, m, d + 6) : utc(y, m + months[grain], 0);
  return iso(end);
}

/** The period's name in the notation parsePeriod reads. */
export function formatPeriod({ grain, start }: Period): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  switch (grain) {
    case 'day':
      return start;
    case 'week': {
      const thursday = utc(y, m, Number(start.slice(8)) + 3);
      const isoYear = thursday.getUTCFullYear();
      const week = Math.round((thursday.getTime() - isoWeekOneMonday(isoYear).getTime()) / (7 * 86_400_000)) + 1;
      return `${isoYear}-W${pad(week)}`;
    }
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${(m + 2) / 3}`;
    case 'half':
      return `${y}-H${m === 1 ? 1 : 2}`;
    case 'year':
      return String(y);
  }
}

/**
 * A period in words, as Vietnamese reports write it: "Tháng 11/2026", "Quý 3/2026", "6 tháng đầu
 * năm 2024", "Tuần 47/2026", "Ngày 17/05/2024", "Năm 2024"; in English "November 2026", "Q3 2026",
 * "First half of 2024", "Week 47 of 2026", "17 May 2024", "2024".
 */
export function periodWords(period: Period, language: 'vi' | 'en'): string {
  const [y, m, d] = period.start.split('-').map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(utc(y, m, 1));
  switch (period.grain) {
    case 'day':
      return language === 'vi' ? `Ngày ${pad(d)}/${pad(m)}/${y}` : `${d} ${monthName} ${y}`;
    case 'week': {
      const [wy, w] = formatPeriod(period).split('-W') as [string, string];
      return language === 'vi' ? `Tuần ${Number(w)}/${wy}` : `Week ${Number(w)} of ${wy}`;
    }
    case 'month':
      return language === 'vi' ? `Tháng ${m}/${y}` : `${monthName} ${y}`;
    case 'quarter':
      return language === 'vi' ? `Quý ${(m + 2) / 3}/${y}` : `Q${(m + 2) / 3} ${y}`;
    case 'half':
      return language === 'vi' ? `6 tháng ${m === 1 ? 'đầu' : 'cuối'} năm ${y}` : `${m === 1 ? 'First' : 'Second'} half of ${y}`;
    case 'year':
      return language === 'vi' ? `Năm ${y}` : String(y);
  }
}

/** Today's date in a time zone, YYYY-MM-DD (periods are reckoned in Asia/Ho_Chi_Minh). */
export function today(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The period of a grain holding a day. */
export function periodOf(grain: Grain, day: string): Period {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  switch (grain) {
    case 'day':
      return { grain, start: day };
    case 'week': {
      const date = utc(y, m, d);
      date.setUTCDate(d - ((date.getUTCDay() + 6) % 7));
      return { grain, start: iso(date) };
    }
    case 'month':
      return { grain, start: `${y}-${pad(m)}-01` };
    case 'quarter':
      return { grain, start: `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01` };
    case 'half':
      return { grain, start: `${y}-${m <= 6 ? '01' : '07'}-01` };
    case 'year':
      return { grain, start: `${y}-01-01` };
  }
}

/** The day after a period's last day: where the next period starts. */
export function nextPeriod(period: Period): Period {
  const [y, m, d] = periodEnd(period).split('-').map(Number) as [number, number, number];
  return { grain: period.grain, start: iso(utc(y, m, d + 1)) };
}

/** The periods of a grain that start on or after `from` and have ended by `to` (inclusive). */
export function completedPeriods(grain: Grain, from: string, to: string): Period[] {
  const list: Period[] = [];
  let p = periodOf(grain, from);
  if (p.start < from) p = nextPeriod(p);
  for (; periodEnd(p) <= to; p = nextPeriod(p)) list.push(p);
  return list;
}

/** The last period of a grain that has ended by `day` (inclusive). */
export function lastCompleted(grain: Grain, day: string): Period {
  const holding = periodOf(grain, day);
  if (periodEnd(holding) <= day) return holding;
  const [y, m, d] = holding.start.split('-').map(Number) as [number, number, number];
  return periodOf(grain, iso(utc(y, m, d - 1)));
}

/** The last period of a grain whose reports were due (its end + `dueDays`) before `day`: closed, no report still expected. */
export function lastClosed(grain: Grain, dueDays: number, day: string): Period {
  const shift = (date: string, n: number) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return iso(utc(y, m, d + n));
  };
  let period = lastCompleted(grain, day);
  while (shift(periodEnd(period), dueDays) >= day) period = lastCompleted(grain, shift(period.start, -1));
  return period;
}

/** Days from one date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const parse = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((parse(to) - parse(from)) / 86_400_000);
}
