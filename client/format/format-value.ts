/**
 * Figures written the way a reader of the language expects: Vietnamese groups thousands with
 * "." and writes decimals with "," (1.234,5); percentages carry "%". Pure.
 */
import type { Language } from '../i18n/index.ts';

const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(value: number | null, language: Language, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString(locales[language], { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A figure in its unit of measure: rates with one decimal and "%", counts whole. */
export function formatValue(value: number | null, unit: string, language: Language): string {
  if (unit === '%') return value === null ? '–' : `${formatNumber(value, language, 1)}%`;
  const digits = value !== null && Math.abs(value) < 100 && !Number.isInteger(value) ? 1 : 0;
  return formatNumber(value, language, digits);
}

/** A change against an earlier figure: "+2,3" points for rates, "+4,1%" for the rest. */
export function formatChange(value: number | null, earlier: number | null, unit: string, language: Language): string | null {
  if (value === null || earlier === null) return null;
  if (unit === '%') {
    const points = value - earlier;
    return `${points >= 0 ? '+' : '−'}${formatNumber(Math.abs(points), language, 1)}`;
  }
  if (earlier === 0) return null;
  const change = ((value - earlier) / Math.abs(earlier)) * 100;
  return `${change >= 0 ? '+' : '−'}${formatNumber(Math.abs(change), language, 1)}%`;
}
