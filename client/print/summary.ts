/**
 * The briefing cover's summary: the headline indicators of the wall's scenes (their KPI tiles, each
 * once, in the wall's order) for the province in the last complete month, as one view. Pure, so a
 * test asks the API the very same question.
 */
import type { View } from '../../data/schema/view.ts';
import { SCENES } from '../scenes/scene-specs.ts';

export const SUMMARY_INDICATORS: string[] = [...new Set(SCENES.flatMap((s) => ('tiles' in s ? s.tiles : [])))];

/** Province figures of one month, each with its change since the previous month and the same month a year before. */
export const summaryView = (month: string): View => ({ indicators: SUMMARY_INDICATORS, level: 'province', grain: 'month', from: month, to: month });
