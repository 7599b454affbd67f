/** Completeness of reporting as a unit × month matrix (ECharts heatmap, loaded lazily). */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { QualityCell } from '../../data/schema/quality.ts';
import { formatNumber } from '../format/format-value.ts';
import { remPx } from '../format/rem.ts';
import { periodText } from '../format/period-text.ts';
import { useT } from '../i18n/index.ts';
import { STATUS_COLOURS } from '../map/classify.ts';
import { useEChart } from './use-echart.ts';
import { INK } from '../print/ink.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** Complete (≥ 95%), nearly (80–95%), poor: the colours of met, near and below; the chart and its legend both read these. */
const COMPLETE = 95;
const NEARLY = 80;
const PIECES = [
  { gte: COMPLETE, color: rgb(STATUS_COLOURS.met) },
  { gte: NEARLY, lt: COMPLETE, color: rgb(STATUS_COLOURS.near) },
  { lt: NEARLY, color: rgb(STATUS_COLOURS.below) },
];

export default function QualityMatrix(props: {
  cells: QualityCell[];
  months: string[];
  format(value: number | null): string;
  onPick?(unitCode: string): void;
}) {
  const { t, language } = useT();
  const container = useRef<HTMLDivElement>(null);
  const units = useRef<string[]>([]);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const draw = useEChart(container, (c) => c.on('click', (p) => pick.current?.(units.current[(p.value as number[])[1]!]!)));
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    // Worst at the top: ECharts draws category axes bottom-up.
    const names = new Map(props.cells.map((c) => [c.unit.code, c.unit.name]));
    const worst = new Map<string, number>();
    for (const c of props.cells) worst.set(c.unit.code, Math.min(worst.get(c.unit.code) ?? 101, c.completeness ?? 101));
    units.current = [...names.keys()].sort((a, b) => worst.get(b)! - worst.get(a)! || names.get(b)!.localeCompare(names.get(a)!, 'vi'));
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      // Every label at the root font size or more: readable from across the room (the legend is HTML, below).
      // Months in words, on two lines to fit a column: "Tháng 6" over "2026".
      xAxis: { type: 'category', data: props.months, axisLabel: { color: INK.muted, fontSize: text, lineHeight: Math.round(text * 1.25), formatter: (m: string) => periodText(m, language).replace(/[/ ](\d{4})$/, '\n$1') }, splitArea: { show: false } },
      yAxis: { type: 'category', data: units.current.map((c) => names.get(c)), axisLabel: { color: INK.text, fontSize: text } },
      visualMap: { show: false, type: 'piecewise', dimension: 2, pieces: PIECES },
      series: [
        {
          type: 'heatmap',
          data: props.cells
            .filter((c) => c.completeness !== null)
            .map((c) => [props.months.indexOf(c.month), units.current.indexOf(c.unit.code), Math.round(c.completeness! * 10) / 10]),
          label: { show: true, color: '#0b1220', fontSize: text, formatter: (p: { value: number[] }) => props.format(p.value[2]!) },
          itemStyle: { borderColor: INK.cellBorder, borderWidth: 2 },
        },
      ],
    });
  }, [props.cells, props.months, props.format, language]);
  // A unit × month with no report due (or none assessed yet) is left blank: the legend says so.
  const blank = new Set(props.cells.map((c) => c.unit.code)).size * props.months.length > props.cells.filter((c) => c.completeness !== null).length;
  const percent = (value: number) => `${formatNumber(value, language)}%`;
  return (
    <>
      <div ref={container} className="chart" data-testid="quality-matrix" />
      <ul className="legend quality-legend" data-testid="quality-legend">
        <li>
          <span className="swatch" style={{ background: PIECES[2]!.color }} />
          {t('quality.legend.below', { value: percent(NEARLY) })}
        </li>
        <li>
          <span className="swatch" style={{ background: PIECES[1]!.color }} />
          {t('quality.legend.between', { from: percent(NEARLY), to: percent(COMPLETE) })}
        </li>
        <li>
          <span className="swatch" style={{ background: PIECES[0]!.color }} />
          {t('quality.legend.atLeast', { value: percent(COMPLETE) })}
        </li>
        {blank && (
          <li>
            <span className="swatch blank" />
            {t('quality.legend.none')}
          </li>
        )}
      </ul>
    </>
  );
}
