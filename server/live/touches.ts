/**
 * Whether a committed batch can change a view's answer: it shares an indicator, its days meet
 * the days the view reads (its range and the year before, for the year-on-year change), and,
 * for a drill-down, it touched a unit under the view's parent. Pure; errs on the side of
 * recomputing (a facility-kind filter is not checked).
 */
import type { Range, View } from '../../data/schema/view.ts';
import type { BatchFootprint } from '../store/store.ts';

const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;

export function viewTouchedBy(view: View, range: Range, footprint: BatchFootprint): boolean {
  if (!view.indicators.some((i) => footprint.indicators.includes(i))) return false;
  if (footprint.to < yearBefore(range.from) || footprint.from > range.to) return false;
  return view.parent === undefined || footprint.unitCodes.includes(view.parent);
}

/** Many batches' footprints as one, for a burst recomputed at once. */
export function mergeFootprints(list: BatchFootprint[]): BatchFootprint {
  return {
    batchId: Math.max(...list.map((f) => f.batchId)),
    committedAt: Math.min(...list.map((f) => f.committedAt)),
    indicators: [...new Set(list.flatMap((f) => f.indicators))],
    unitCodes: [...new Set(list.flatMap((f) => f.unitCodes))],
    from: list.map((f) => f.from).sort()[0]!,
    to: list.map((f) => f.to).sort().at(-1)!,
  };
}
