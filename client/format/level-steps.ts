/**
 * The levels of a level indicator's scale, lowest first, each with its label where the catalogue
 * names its levels ("Cơ bản", "Nâng cao", "Hạng II") and null where it numbers them. Pure.
 */
import { levelLabel, type Indicator } from '../../data/schema/indicator.ts';
import type { Language } from '../i18n/index.ts';

export interface LevelStep {
  level: number;
  label: string | null;
}

export function levelSteps(indicator: Pick<Indicator, 'level_scale' | 'level_labels'>, language: Language): LevelStep[] {
  if (!indicator.level_scale) return [];
  const { min, max } = indicator.level_scale;
  return Array.from({ length: max - min + 1 }, (_, i) => ({ level: min + i, label: levelLabel(indicator, min + i)?.[language] ?? null }));
}
