/**
 * A formatter for one unit of measure in the current language, the same function until either
 * changes: charts redraw when their formatter changes, so a new closure at every render would
 * redraw them at every live update.
 */
import { useCallback } from 'react';
import { useT } from '../i18n/index.ts';
import { formatValue, type LevelNames } from './format-value.ts';

/** `levels`: the indicator, where its levels are written by name. */
export function useValueFormat(unit: string | undefined, levels?: LevelNames): (value: number | null) => string {
  const { language } = useT();
  return useCallback((value: number | null) => formatValue(value, unit ?? '', language, levels), [unit, language, levels]);
}
