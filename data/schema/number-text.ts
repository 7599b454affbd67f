/**
 * How a number is written in an input file, and why a text that is not one is refused. Vietnamese
 * writes 1.000 for a thousand and 46,04 for a decimal; English the reverse. A file is read by one
 * rule only — digits, and for rates a decimal point — and every other form is refused with the
 * form to use, so no figure can land as a different number than the person meant.
 *
 * The rules are regular expressions valid both in JavaScript and in DuckDB (RE2), so ingest checks
 * millions of cells in SQL while pack files and spreadsheet cells are read here, by the same rules.
 */

/** Counts, numerators, denominators, populations, levels: digits only. */
export const WHOLE = '[0-9]+';
/** Rates (a ratio's reported value): digits with an optional decimal point. */
export const DECIMAL = '[0-9]+([.][0-9]+)?';

/** Spaces people put between digit groups: space, tab, no-break and thin spaces. */
const SPACES = ' \t\u00a0\u202f\u2009';
/** Digits of other scripts a keyboard or a copied table may bring: Arabic-Indic, Persian, Devanagari, Thai, full-width. */
const OTHER_DIGITS = '\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u0e50-\u0e59\uff10-\uff19';

/** Why a text is not a number of its kind, in the order the rules are tried (the first that matches). */
export const NUMBER_FAULTS = [
  { code: 'negative', pattern: `^-[${SPACES}]*[0-9]` },
  { code: 'number_percent', pattern: '%' },
  { code: 'number_not_ascii', pattern: `[${OTHER_DIGITS}]` },
  { code: 'number_exponent', pattern: '^[0-9]+([.,][0-9]+)?[eE][-+]?[0-9]+$' },
  { code: 'number_mixed_separators', pattern: '[.].*,|,.*[.]' },
  { code: 'number_spaces', pattern: `[0-9][${SPACES}]+[0-9]` },
  { code: 'number_comma', pattern: ',' },
  { code: 'count_with_point', pattern: '^[0-9]+([.][0-9]+)+$', wholeOnly: true },
  { code: 'number_points', pattern: '^[0-9]+([.][0-9]+){2,}$' },
] as const;

export type NumberFault = (typeof NUMBER_FAULTS)[number]['code'] | 'number_ambiguous_point' | 'not_a_number';

/**
 * A rate written with exactly three decimals and at most three digits before the point (1.234)
 * reads as a thousand-grouped whole number too. It is ambiguous unless that reading is impossible:
 * a share of a whole cannot exceed its factor (1.234 as 1234% cannot be meant).
 */
export const THOUSANDS_LOOKALIKE = '^[0-9]{1,3}[.][0-9]{3}$';

export interface NumberKind {
  whole: boolean;
  /** For rates: the factor (100 for a percentage) and whether the rate is a share of a whole. */
  factor?: number;
  partOfWhole?: boolean;
}

const full = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const WHOLE_RE = full(WHOLE);
const DECIMAL_RE = full(DECIMAL);
const FAULTS = NUMBER_FAULTS.map((f) => ({ ...f, re: new RegExp(f.pattern) }));
const LOOKALIKE_RE = new RegExp(THOUSANDS_LOOKALIKE);

/** The number a (trimmed) text stands for under the rules, or why it stands for none. */
export function readNumber(text: string, kind: NumberKind): { value: number } | { fault: NumberFault } {
  if ((kind.whole ? WHOLE_RE : DECIMAL_RE).test(text)) {
    if (!kind.whole && isAmbiguousRate(text, kind)) return { fault: 'number_ambiguous_point' };
    return { value: Number(text) };
  }
  for (const f of FAULTS) if ((!('wholeOnly' in f) || kind.whole) && f.re.test(text)) return { fault: f.code };
  return { fault: 'not_a_number' };
}

function isAmbiguousRate(text: string, kind: NumberKind): boolean {
  if (!LOOKALIKE_RE.test(text)) return false;
  const asThousands = Number(text.replace('.', ''));
  return !(kind.partOfWhole && kind.factor !== undefined && asThousands > kind.factor);
}

/**
 * The SQL expression giving the fault code of a text column that failed its pattern (`whole` is a
 * SQL boolean expression: is this cell whole-only?). Patterns are inlined as string literals.
 */
export function numberFaultSql(column: string, whole: string): string {
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const arms = NUMBER_FAULTS.map(
    (f) => `WHEN ${'wholeOnly' in f ? `${whole} AND ` : ''}regexp_matches(${column}, ${literal(f.pattern)}) THEN '${f.code}'`,
  );
  return `CASE ${arms.join(' ')} ELSE 'not_a_number' END`;
}
