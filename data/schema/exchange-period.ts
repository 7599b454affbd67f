/**
 * Periods as DHIS2 and ADX write them, read into ours and written back from ours. Only the period
 * types that are one of our grains are read: DHIS2's weeks starting on another day, bi-weeks,
 * bi-months and financial years (and ADX spans of those shapes) are refused with their type named,
 * never converted, since their days are not those of any period here.
 */
import { formatPeriod, GRAIN_WORDS, parsePeriod, type Grain, type Period } from './period.ts';

const words = (grains: Grain[], language: 'vi' | 'en') => grains.map((g) => GRAIN_WORDS[g][language]).join(', ');

/** The parameters that name a grain not taken, and those that are, in both languages. */
export const grainNotTaken = (grain: Grain, taken: Grain[]) => ({
  grain_vi: GRAIN_WORDS[grain].vi,
  grain_en: GRAIN_WORDS[grain].en,
  grains_vi: words(taken, 'vi'),
  grains_en: words(taken, 'en'),
});

export type ExchangePeriod = { period: Period } | { unsupported: string } | { unreadable: true };

/** DHIS2 period types we cannot hold, by the shape of their notation. */
const UNSUPPORTED_DHIS2: [RegExp, string][] = [
  [/^\d{4}BiW\d{1,2}$/, 'BiWeekly'],
  [/^\d{4}(Wed|Thu|Sat|Sun)W\d{1,2}$/, 'Weekly (không bắt đầu thứ Hai / not starting on Monday)'],
  [/^\d{6}B$/, 'BiMonthly'],
  [/^\d{4}(April|Nov)S[12]$/, 'SixMonthly (April/November)'],
  [/^\d{4}NovQ[1-4]$/, 'Quarterly (November)'],
  [/^\d{4}(April|July|Sep|Oct|Nov)$/, 'Financial year'],
];

const read = (ours: string): ExchangePeriod => {
  const period = parsePeriod(ours);
  return 'error' in period ? { unreadable: true } : { period };
};

/** 20240517, 2024W20, 202405, 2024Q2, 2024S1, 2024. */
export function readDhis2Period(text: string): ExchangePeriod {
  const s = text.trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})(\d{2})(\d{2})$/))) return read(`${m[1]}-${m[2]}-${m[3]}`);
  if ((m = s.match(/^(\d{4})W(\d{1,2})$/))) return read(`${m[1]}-W${m[2]!.padStart(2, '0')}`);
  if ((m = s.match(/^(\d{4})(\d{2})$/))) return read(`${m[1]}-${m[2]}`);
  if ((m = s.match(/^(\d{4})Q([1-4])$/))) return read(`${m[1]}-Q${m[2]}`);
  if ((m = s.match(/^(\d{4})S([12])$/))) return read(`${m[1]}-H${m[2]}`);
  if (/^\d{4}$/.test(s)) return read(s);
  const type = UNSUPPORTED_DHIS2.find(([pattern]) => pattern.test(s));
  return type ? { unsupported: type[1] } : { unreadable: true };
}

/**
 * A period as DHIS2 writes it: our notation without its dashes, halves as S, and weeks unpadded
 * (2024W5), as DHIS2 itself names them, so that reading what was written gives the period back.
 */
export function writeDhis2Period(period: Period): string {
  const ours = formatPeriod(period);
  switch (period.grain) {
    case 'week':
      return ours.replace(/-W0?/, 'W');
    case 'half':
      return ours.replace('-H', 'S');
    default:
      return ours.replace(/-(Q?)/g, '$1');
  }
}

/** ISO 8601 durations that are one of our grains, and where such a period must start. */
const ADX_DURATIONS: Record<string, { grain: Grain; starts: (month: number, day: number, weekday: number) => boolean }> = {
  P1D: { grain: 'day', starts: () => true },
  P7D: { grain: 'week', starts: (_m, _d, weekday) => weekday === 1 },
  P1W: { grain: 'week', starts: (_m, _d, weekday) => weekday === 1 },
  P1M: { grain: 'month', starts: (_m, d) => d === 1 },
  P3M: { grain: 'quarter', starts: (m, d) => d === 1 && m % 3 === 1 },
  P6M: { grain: 'half', starts: (m, d) => d === 1 && (m === 1 || m === 7) },
  P1Y: { grain: 'year', starts: (m, d) => d === 1 && m === 1 },
};

/** 2024-05-01/P1M: a start day and a duration. */
export function readAdxPeriod(text: string): ExchangePeriod {
  const m = text.trim().match(/^(\d{4}-\d{2}-\d{2})\/(P\w+)$/);
  if (!m) return { unreadable: true };
  const day = parsePeriod(m[1]!);
  if ('error' in day) return { unreadable: true };
  const duration = ADX_DURATIONS[m[2]!];
  if (!duration) return { unsupported: m[2]! };
  const [, month, date] = day.start.split('-').map(Number) as [number, number, number];
  const weekday = new Date(`${day.start}T00:00:00Z`).getUTCDay();
  if (!duration.starts(month, date, weekday)) return { unsupported: `${m[2]} từ / from ${day.start}` };
  return { period: { grain: duration.grain, start: day.start } };
}

/** 2024-05-01/P1M: the period's first day and the first duration read as its grain (a week: P7D, not P1W). */
export function writeAdxPeriod(period: Period): string {
  const [duration] = Object.entries(ADX_DURATIONS).find(([, d]) => d.grain === period.grain)!;
  return `${period.start}/${duration}`;
}
