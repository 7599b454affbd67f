/**
 * What a figure is, in words beside it: who of those owed it sent it ("22/24 xã/phường đã báo
 * cáo", "4/12 cơ sở có số đếm", "38% dân số", "chỉ gồm Ninh Thuận cũ"), and whether it is
 * provisional or partial. The pack's levels name who reports; the wall provides them.
 */
import { createContext, useContext } from 'react';
import type { Level } from '../../data/schema/pack.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { useT } from '../i18n/index.ts';
import { formatNumber } from './format-value.ts';

export const LevelsContext = createContext<Level[]>([]);

/** A day as each language writes it: 10/12/2026, 10 Dec 2026. */
export function dayText(day: string, language: 'vi' | 'en'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return language === 'vi' ? `${d}/${m}/${y}` : new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Whether a row's coverage is worth saying: it is not final, or not everyone owed it reported. */
export const coverageMatters = (row: RollupRow): boolean =>
  row.coverage !== null && (row.finality !== 'final' || row.coverage.reported < row.coverage.expected || row.coverage.formerOnly !== null);

export function useCoverageText(): (row: RollupRow) => string | null {
  const { t, language } = useT();
  const levels = useContext(LevelsContext);
  return (row) => {
    const c = row.coverage;
    if (!c) return null;
    const level = 'level' in c.reporters ? levels.find((l) => l.id === (c.reporters as { level: string }).level) : undefined;
    const who = level ? (level.plural ?? level.name)[language].toLowerCase() : t('coverage.facilities');
    // "có số đếm" where some sent a rate alone: those are not added up, so they are not counted as reported.
    const counted = row.uncounted > 0;
    const parts = [t(counted ? 'coverage.counted' : 'coverage.reported', { reported: c.reported, expected: c.expected, who })];
    if (c.population !== null && c.population < 1) parts.push(t('coverage.people', { share: formatNumber(Math.round(c.population * 100), language) }));
    if (c.formerOnly) parts.push(t('coverage.formerOnly', { names: c.formerOnly.join(', ') }));
    return parts.join(', ');
  };
}

/** After the word ("Tạm tính", "Chưa đủ số liệu"): "đến hạn báo cáo 10/12/2026" or "không đánh giá"; null for a final figure. */
export function useFinalityText(): (row: RollupRow) => string | null {
  const { t, language } = useT();
  return (row) =>
    row.finality === 'provisional' ? t('finality.provisionalDue', { due: dayText(row.due, language) }) : row.finality === 'partial' ? t('finality.partialNote') : null;
}
