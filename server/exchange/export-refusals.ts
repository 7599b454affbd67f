/**
 * What an export cannot write, each named once with how many figures it stops. An export is whole
 * or refused: a figure left out would make the receiving system's totals wrong without anyone
 * seeing it, so the answer lists every omission (Vietnamese and English) and writes nothing.
 */

export const REFUSAL_REASONS = [
  /** A ratio some of whose figures came as rates without counts: Σnumerator ÷ Σdenominator would leave them out. */
  'rate_without_counts',
  /** A level over several facilities: a distribution, not one figure. */
  'level_distribution',
  /** Generated demo figures: never sent to another system as if reported. */
  'demo_figures',
  'unmapped_data_element',
  'grain_not_taken',
  'unmapped_org_unit',
  'unmapped_combo',
  'unmapped_adx_option',
  /** The mapping names it, but not by the identifier scheme asked for (a code where UIDs are asked). */
  'no_identifier',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
  reason: RefusalReason;
  /** What of ours it is about: "cashless_payment_rate numerator", "unit 585", "sex:female". */
  what: string;
  vi: string;
  en: string;
  /** Figures it stops, and the first of them (indicator, entity, period, subgroup). */
  figures: number;
  example: string;
}

export class Refusals {
  private readonly byWhat = new Map<string, Refusal & { seen: Set<string> }>();

  add(reason: RefusalReason, what: string, words: { vi: string; en: string }, figure: string): void {
    const key = `${reason}\t${what}`;
    const found = this.byWhat.get(key) ?? { reason, what, ...words, figures: 0, example: figure, seen: new Set<string>() };
    this.byWhat.set(key, found);
    if (found.seen.has(figure)) return;
    found.seen.add(figure);
    found.figures++;
  }

  get size(): number {
    return this.byWhat.size;
  }

  list(): Refusal[] {
    return [...this.byWhat.values()].map(({ seen: _seen, ...refusal }) => refusal);
  }
}

/** The 400 answer: the omissions in a sentence per language (the first few), and all of them listed. */
export function refusalAnswer(refusals: Refusals, format: string) {
  const list = refusals.list();
  const shown = (language: 'vi' | 'en') => list.slice(0, 5).map((r) => r[language]).join('; ') + (list.length > 5 ? '; …' : '');
  return {
    error: 'export_refused',
    message:
      `Không xuất được ${format}: ${list.length} điều không ghi được, không bỏ sót số liệu nào nên không xuất gì (${shown('vi')}). ` +
      `Cannot export ${format}: ${list.length} things cannot be written, and no figure is silently left out, so nothing is exported (${shown('en')}).`,
    refused: list,
  };
}
