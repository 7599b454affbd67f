/**
 * Figures written the way a reader of the language expects: Vietnamese groups thousands with
 * "." and writes decimals with "," (1.234,5); percentages carry "%". Pure.
 */
import { levelLabel, type Indicator } from '../../data/schema/indicator.ts';
import type { Language } from '../i18n/index.ts';

/** What names an indicator's levels, where the catalogue does (level_labels). */
export type LevelNames = Pick<Indicator, 'level_scale' | 'level_labels'>;

const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(value: number | null, language: Language, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString(locales[language], { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The catalogue's units of money (data/catalogue/indicators.yaml: "đồng", in English "VND"). */
export const isMoney = (unit: string): boolean => unit === 'đồng' || unit === 'VND';

/**
 * A figure in its unit of measure: rates with one decimal and "%", counts whole, money in whole
 * đồng; a level whose indicator names its levels (`levels`), by its name ("Nâng cao").
 */
export function formatValue(value: number | null, unit: string, language: Language, levels?: LevelNames): string {
  const label = levels && levelLabel(levels, value);
  if (label) return label[language];
  if (unit === '%') return value === null ? '–' : `${formatNumber(value, language, 1)}%`;
  if (isMoney(unit)) return formatNumber(value, language, 0);
  const digits = value !== null && Math.abs(value) < 100 && !Number.isInteger(value) ? 1 : 0;
  return formatNumber(value, language, digits);
}

/**
 * A figure with its unit, as a sentence reads it: "1.234.567 đồng" ("1,234,567 VND"), "94,7%",
 * "626.288 hồ sơ"; a unit-less figure or a missing one alone.
 */
export function formatWithUnit(value: number | null, unit: string, language: Language): string {
  const text = formatValue(value, unit, language);
  return value === null || unit === '' || unit === '%' ? text : `${text} ${unit}`;
}

export type Tone = 'good' | 'bad' | 'neutral';

/** A change against an earlier figure, as a reader takes it in: which way, how much, and whether that is good. */
export interface Change {
  way: 'up' | 'down' | 'flat';
  /** Points for a rate in percent ("2,3"), a percentage for the rest ("4,1"); the message adds the word. */
  amount: string;
  /** Percentage points, or a relative change in percent. */
  measure: 'points' | 'percent';
  tone: Tone;
}

/**
 * Rates change by points, counts by a percentage of the earlier figure. A change that prints as
 * zero is flat: never "−0,0". Good or bad follows the indicator's direction.
 */
export function describeChange(
  value: number | null,
  earlier: number | null,
  unit: string,
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral',
  language: Language,
): Change | null {
  if (value === null || earlier === null) return null;
  const measure = unit === '%' ? 'points' : 'percent';
  if (measure === 'percent' && earlier === 0) return null;
  const change = measure === 'points' ? value - earlier : ((value - earlier) / Math.abs(earlier)) * 100;
  const amount = formatNumber(Math.abs(change), language, 1);
  const way = amount === formatNumber(0, language, 1) ? 'flat' : change > 0 ? 'up' : 'down';
  const tone: Tone = way === 'flat' || direction === 'neutral' ? 'neutral' : (way === 'up') === (direction === 'higher_is_better') ? 'good' : 'bad';
  return { way, amount, measure, tone };
}
