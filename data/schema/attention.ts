/**
 * The attention list ("Cần chú ý"): what needs action today, as data. Each item names the unit
 * and the indicator in words, says why in a sentence (Vietnamese and English, written here so
 * the wall, the API and the briefing say the same), carries a severity to rank by, and links to
 * the explore view that shows it. Pure, shared by server and client.
 */
import type { Localized } from './pack.ts';
import { periodWords, type Period } from './period.ts';
import { STATUS_WORDS, type Status } from './view.ts';

export type AttentionKind = 'epidemic' | 'below_target' | 'reports_missing' | 'flag';

export interface AttentionItem {
  kind: AttentionKind;
  /** 0–100: epidemics first, then the largest and longest gaps to target, then reporting and data faults. */
  severity: number;
  indicator: { code: string; name: Localized } | null;
  unit: { code: string; name: string } | null;
  /** A gap to target: the rollup's own status of the unit, indicator and period (never met). */
  status?: Exclude<Status, 'met'>;
  /** The period it concerns, in the notation (2026-11, 2026-W47). */
  period: string;
  text: Localized;
  /** The explore view that shows it. */
  link: string;
  demo: boolean;
}

export interface AttentionAnswer {
  items: AttentionItem[];
  /** When it was computed, and the last batch it reflects. */
  computedAt: string;
  version: number;
}

/** Numbers as each language writes them: 1.234,5 in Vietnamese, 1,234.5 in English; large ones whole. */
export const numberText = (n: number, language: keyof Localized, digits = Math.abs(n) >= 100 ? 0 : 1) =>
  n.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits });

/** A document as a list names it: its number, without the date and the clause ("KH 3648/KH-UBND"). */
export const documentName = (source: string) => source.split(/ ngày | \(|, /)[0]!.trim();

const both = (make: (language: keyof Localized) => string): Localized => ({ vi: make('vi'), en: make('en') });

export const attentionText = {
  epidemic: (a: { unit: string; indicator: Localized; period: Period; count: number; threshold: number; expected: number }) =>
    both((l) =>
      l === 'vi'
        ? `${a.unit}: ${a.indicator.vi} ${periodWords(a.period, 'vi').toLowerCase()}: ${numberText(a.count, l, 0)} ca, vượt ngưỡng dịch ${numberText(a.threshold, l)} (thường gặp ${numberText(a.expected, l)})`
        : `${a.unit}: ${a.indicator.en}, ${periodWords(a.period, 'en')}: ${numberText(a.count, l, 0)} cases, above the epidemic threshold of ${numberText(a.threshold, l)} (usual ${numberText(a.expected, l)})`,
    ),
  /**
   * `status`: the rollup's, in its words ("Gần đạt", "Chưa đạt"); `figures`: the value, the target
   * and the gap as each language writes them ("88,2%", "6,8 điểm").
   */
  belowTarget: (a: { unit: string; indicator: Localized; status: Exclude<Status, 'met'>; since: Period; source: string; figures: Record<keyof Localized, { value: string; target: string; gap: string }> }) =>
    both((l) =>
      l === 'vi'
        ? `${a.unit}: ${a.indicator.vi} ${a.figures.vi.value} — ${STATUS_WORDS[a.status].vi} chỉ tiêu ${a.figures.vi.target} (${a.source}), còn thiếu ${a.figures.vi.gap}, từ ${periodWords(a.since, 'vi').toLowerCase()}`
        : `${a.unit}: ${a.indicator.en} ${a.figures.en.value} — ${STATUS_WORDS[a.status].en}: the target is ${a.figures.en.target} (${a.source}), ${a.figures.en.gap} short, since ${periodWords(a.since, 'en')}`,
    ),
  reportsMissing: (a: { unit: string; period: Period; missing: number; completeness: number }) =>
    both((l) =>
      l === 'vi'
        ? `${a.unit}: thiếu ${numberText(a.missing, l, 0)} báo cáo đã quá hạn, đủ ${numberText(a.completeness, l)}% (${periodWords(a.period, 'vi').toLowerCase()})`
        : `${a.unit}: ${numberText(a.missing, l, 0)} reports missing past their deadline, ${numberText(a.completeness, l)}% complete (${periodWords(a.period, 'en')})`,
    ),
  /** `measure`: the indicator's unit of measure ("%", "đồng"), written after each figure. */
  suddenJump: (a: { unit: string; reporter: string; indicator: Localized; measure: Localized; period: Period; value: number; against: number }) =>
    both((l) => {
      const figure = (n: number) => `${numberText(n, l)}${a.measure[l] === '%' ? '%' : ` ${a.measure[l]}`}`;
      return l === 'vi'
        ? `${a.unit}: ${a.reporter} báo ${a.indicator.vi} ${figure(a.value)}, ${a.value > a.against ? 'tăng' : 'giảm'} đột biến so với thường lệ ${figure(a.against)} (${periodWords(a.period, 'vi').toLowerCase()}): kiểm tra lại`
        : `${a.unit}: ${a.reporter} reported ${a.indicator.en} ${figure(a.value)}, a sudden ${a.value > a.against ? 'rise' : 'fall'} from its usual ${figure(a.against)} (${periodWords(a.period, 'en')}): check it`;
    }),
  refused: (a: { unit: string; reporter: string; indicator: Localized; period: Period; why: Localized }) =>
    both((l) =>
      l === 'vi'
        ? `${a.unit}: số liệu ${a.indicator.vi} của ${a.reporter} (${periodWords(a.period, 'vi').toLowerCase()}) bị từ chối: ${a.why.vi}`
        : `${a.unit}: ${a.reporter}'s ${a.indicator.en} (${periodWords(a.period, 'en')}) was refused: ${a.why.en}`,
    ),
};

/** Items in the order they are shown: most severe first, then by unit and indicator so the order is stable. */
export function rankAttention(items: AttentionItem[]): AttentionItem[] {
  return [...items].sort(
    (a, b) => b.severity - a.severity || (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'vi') || (a.indicator?.code ?? '').localeCompare(b.indicator?.code ?? ''),
  );
}
