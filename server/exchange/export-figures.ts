/**
 * A view's figures as they leave the wall: exactly the rollup's. A ratio leaves as its Σnumerator
 * and Σdenominator (the receiving system divides, as we do; never a mean of rates), a count,
 * stock or level as its value. A figure that is not such counts is refused by name, never written
 * as another number: a ratio some of whose figures came as rates without counts, a level over
 * several facilities (a distribution). The work is the rollup's and within its limits: however
 * many views an export reads, together they stay under the cap on figures and the time limit.
 */
import { FACILITY_LEVEL, resolveRange, type RollupRow, type View } from '../../data/schema/view.ts';
import { QueryTimeout, type Store } from '../store/store.ts';
import { sizeFault, viewSize, type RollupReference } from '../rollup/compile-view.ts';
import { runView, ViewError } from '../rollup/run-view.ts';
import type { Refusals } from './export-refusals.ts';

export interface ExportFigure {
  indicator: string;
  entity: { kind: 'unit' | 'facility'; code: string; name: string };
  period: RollupRow['period'];
  /** '' for the total. */
  subgroup: string;
  counts: { numerator: number; denominator: number } | { value: number };
  /** The rollup's value: a ratio's rate (times its factor), else the figure itself. */
  score: number | null;
}

/** A figure named for people: "cashless_payment_rate facility TTYT-585 2026-01 (total)". */
export const figureName = (f: Pick<ExportFigure, 'indicator' | 'entity' | 'period' | 'subgroup'>) =>
  `${f.indicator} ${f.entity.kind} ${f.entity.code} ${f.period.label} (${f.subgroup || 'tổng / total'})`;

function figureOf(row: RollupRow, view: View, reference: RollupReference, refusals: Refusals): ExportFigure | null {
  const figure = {
    indicator: row.indicator,
    entity: { kind: view.level === FACILITY_LEVEL ? ('facility' as const) : ('unit' as const), code: row.entity.code, name: row.entity.name },
    period: row.period,
    subgroup: view.subgroup ?? '',
    score: row.value,
  };
  // Demo figures are labelled on every screen; another system would take them as reported.
  if (row.demo) {
    refusals.add(
      'demo_figures',
      `${row.indicator} ${figure.period.label}`,
      {
        vi: `${row.indicator} kỳ ${figure.period.label}: có số liệu demo (sinh tự động), không gửi sang hệ thống khác; chọn kỳ chỉ có số liệu thật`,
        en: `${row.indicator} in ${figure.period.label}: holds generated demo figures, which are never sent to another system; choose periods with real figures only`,
      },
      figureName(figure),
    );
    return null;
  }
  const kind = reference.indicators.get(row.indicator)!.kind;
  if (kind === 'ratio') {
    if (row.uncounted === 0 && row.numerator !== null && row.denominator !== null) return { ...figure, counts: { numerator: row.numerator, denominator: row.denominator } };
    refusals.add(
      'rate_without_counts',
      figureName(figure),
      {
        vi: `${figureName(figure)}: ${row.uncounted}/${row.facts} số liệu chỉ có tỷ lệ, không có tử số và mẫu số`,
        en: `${figureName(figure)}: ${row.uncounted} of ${row.facts} figures came as a rate without counts`,
      },
      figureName(figure),
    );
    return null;
  }
  if (row.value !== null) return { ...figure, counts: { value: row.value } };
  // Only a level has no value: several facilities at different levels.
  refusals.add(
    'level_distribution',
    figureName(figure),
    {
      vi: `${figureName(figure)}: mức của ${row.facts} cơ sở là một phân bố, không phải một số; xuất ở cấp cơ sở`,
      en: `${figureName(figure)}: the levels of ${row.facts} facilities are a distribution, not one figure; export the facility level`,
    },
    figureName(figure),
  );
  return null;
}

/**
 * The figures of the views (a view and, for FHIR, its subgroups), read one after another under one
 * cap on figures (the sum of what each could hold) and one deadline.
 */
export async function exportFigures(
  store: Store,
  reference: RollupReference,
  views: View[],
  today: string,
  timeoutMs: number,
  refusals: Refusals,
): Promise<ExportFigure[]> {
  let size = 0;
  for (const view of views) {
    const range = resolveRange(view, today);
    if ('error' in range) throw new ViewError([range.error]);
    size += viewSize(view, range, reference);
  }
  const tooLarge = sizeFault(size);
  if (tooLarge) throw new ViewError([tooLarge]);
  const deadline = Date.now() + timeoutMs;
  const figures: ExportFigure[] = [];
  for (const view of views) {
    const left = deadline - Date.now();
    if (left <= 0) throw new QueryTimeout(timeoutMs);
    const { rows } = await runView(store, reference, view, today, left);
    for (const row of rows) {
      const figure = figureOf(row, view, reference, refusals);
      if (figure) figures.push(figure);
    }
  }
  return figures;
}
