/**
 * Vietnamese calendar periods as data: a grain and a start date (in Asia/Ho_Chi_Minh, where
 * periods are reckoned). Written as 2024-05-17, 2024-W20 (ISO week), 2024-05, 2024-Q2,
 * 2024-H1 ("6 tháng đầu năm") or 2024. Pure functions over ISO date strings; no time zone
 * arithmetic is needed because a period is a run of whole calendar days.
 */

export const GRAINS = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export interface Period {
  grain: Grain;
  /** First day, YYYY-MM-DD. */
  start: string;
}

export const PERIOD_FORMATS = '2024-05-17, 2024-W20, 2024-05, 2024-Q2, 2024-H1 or 2024';

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

/** The period a text names, or why it names none. */
export function parsePeriod(text: string): Period | { error: string } {
  const s = text.trim();
  let m: RegExpMatchArray | null;
  const bad = { error: `"${text}" is not a period (use ${PERIOD_FORMATS})` };
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = utc(y, mo, d);
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { error: `"${text}" is not a calendar date` };
    return { grain: 'day', start: iso(date) };
  }
  if ((m = s.match(/^(\d{4})-W(\d{2})$/i))) {
    const [y, w] = [Number(m[1]), Number(m[2])];
    if (w < 1 || w > isoWeeksInYear(y)) return { error: `"${text}": ${y} has ISO weeks 1–${isoWeeksInYear(y)}` };
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

/** Today's date in a time zone, YYYY-MM-DD (periods are reckoned in Asia/Ho_Chi_Minh). */
export function today(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
