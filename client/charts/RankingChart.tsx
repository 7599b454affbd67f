/**
 * A ranking of units or facilities by one indicator, with the target drawn as a line (ECharts,
 * loaded lazily). Each bar's status is its colour and a shape at its end (see Mark.tsx), so it
 * reads without colour.
 */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { useEChart } from './use-echart.ts';
import { STATUS_COLOURS } from '../map/classify.ts';
import { INK } from '../print/ink.ts';
import { SHAPE_PATHS, STATUS_SHAPES } from '../wall/Mark.tsx';

echarts.use([BarChart, ScatterChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

export default function RankingChart(props: {
  rows: RollupRow[];
  format(value: number | null): string;
  targetLabel: string;
  onPick?(code: string): void;
  /** Rem a row takes, when the chart grows with its rows (a page that scrolls) instead of filling its panel. */
  rowRem?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const codes = useRef<string[]>([]);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const draw = useEChart(container, (c) => c.on('click', (p) => pick.current?.(codes.current[p.dataIndex]!)));
  useLayoutEffect(() => {
    // Best at the top: ECharts draws category axes bottom-up.
    const rows = [...props.rows].sort((a, b) => b.rank - a.rank);
    codes.current = rows.map((r) => r.entity.code);
    const text = Math.round(remPx());
    const target = rows.find((r) => r.target)?.target?.value;
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      // Room above for the target's label; no value axis: each bar carries its figure, and ticks would crowd a narrow panel.
      grid: { left: 8, right: text * 5, top: target === undefined ? 8 : text * 1.6, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { show: false }, axisLabel: { show: false } },
      yAxis: { type: 'category', data: rows.map((r) => r.entity.name), axisLabel: { color: INK.text, fontSize: text } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({
            value: r.value,
            itemStyle: { color: r.status ? rgb(STATUS_COLOURS[r.status]) : INK.bar },
          })),
          label: { show: true, position: 'right', distance: rows.some((r) => r.status) ? text * 1.6 : 5, color: INK.text, fontSize: text, formatter: (p: { value: number | null }) => props.format(p.value) },
          markLine:
            target === undefined
              ? undefined
              : { symbol: 'none', lineStyle: { color: INK.target, type: 'dashed', width: text / 9 }, label: { formatter: props.targetLabel, color: INK.target, fontSize: text }, data: [{ xAxis: target }] },
        },
        {
          type: 'scatter',
          silent: true,
          data: rows.flatMap((r) => (r.status && r.value !== null ? [{ value: [r.value, r.entity.name], symbol: `path://${SHAPE_PATHS[STATUS_SHAPES[r.status]]}`, itemStyle: { color: rgb(STATUS_COLOURS[r.status]) } }] : [])),
          symbolSize: text * 0.9,
          symbolOffset: [text * 0.85, 0],
          z: 3,
        },
      ],
    });
  }, [props.rows, props.format, props.targetLabel]);
  const height = props.rowRem ? { height: `${Math.max(1, props.rows.length) * props.rowRem + 1}rem`, flex: 'none' } : undefined;
  return <div ref={container} className="chart" data-testid="ranking-chart" style={height} />;
}
