/**
 * What a spreadsheet cell's number format says about its value: a date (and the grain its format
 * shows: 07/2017 is a month), a percentage (0.4604 shown as 46,04%), or a plain number. Pure.
 */

export type DateGrain = 'day' | 'month' | 'year';
export type FormatMeaning = { kind: 'plain' } | { kind: 'percent' } | { kind: 'date'; grain: DateGrain | null; code: string };

/** Excel's built-in formats that are not plain numbers (ECMA-376 §18.8.30). */
const BUILT_IN: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'dd/mm/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

/** A format's own letters: quoted text, escaped characters, fills and locale tags taken out. */
function bareFormat(code: string): string {
  return code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[\$[^\]]*\]/g, '')
    .replace(/\[(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)\]/gi, '')
    .replace(/\[[<>=][^\]]*\]/g, '')
    .toLowerCase();
}

export function formatMeaning(code: string | undefined): FormatMeaning {
  if (!code || code.toLowerCase() === 'general' || code === '@') return { kind: 'plain' };
  const bare = bareFormat(code);
  if (bare.includes('%')) return { kind: 'percent' };
  const has = (re: RegExp) => re.test(bare);
  if (!has(/[ymdhs]|am\/pm/)) return { kind: 'plain' };
  const grain: DateGrain | null = has(/d/) ? 'day' : has(/[hs]|\[m|am\/pm/) ? null : has(/y/) && has(/m/) ? 'month' : has(/y/) && !has(/m/) ? 'year' : null;
  return { kind: 'date', grain, code };
}

/** The day an Excel date serial stands for (1900 system with its phantom 29 Feb 1900, or 1904). */
export function serialToDay(serial: number, date1904: boolean): string {
  const whole = Math.floor(serial);
  const base = date1904 ? Date.UTC(1904, 0, 1) : whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + whole * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A number as the spreadsheet shows it at most (15 significant digits: 0.30000000000000004 is
 * 0.3), in plain decimal notation where it can be; a percentage moved two places (0.4604 → 46.04).
 */
export function numberCellText(raw: string, percent: boolean): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  const text = String(Number(n.toPrecision(15)));
  return percent ? shiftDecimal(text, 2) : text;
}

/** Moves a decimal text's point `places` to the right, exactly (no float arithmetic). */
export function shiftDecimal(text: string, places: number): string {
  if (/e/i.test(text)) return String(Number(text) * 10 ** places);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = int! + frac.padEnd(places, '0');
  const point = int!.length + places;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}
