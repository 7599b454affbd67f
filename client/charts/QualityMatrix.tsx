/** Completeness of reporting as a unit × month matrix (ECharts heatmap, loaded lazily). */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { QualityCell } from '../../data/schema/quality.ts';
import { remPx } from '../format/rem.ts';
import { STATUS_COLOURS } from '../map/classify.ts';
import { useEChart } from './use-echart.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

export default function QualityMatrix(props: {
  cells: QualityCell[];
  months: string[];
  format(value: number | null): string;
  onPick?(unitCode: string): void;
}) {
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
      textStyle: { fontFamily: 'Noto Sans', color: '#e6edf7', fontSize: text },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: props.months, axisLabel: { color: '#8aa0bf', fontSize: text * 0.85 }, splitArea: { show: false } },
      yAxis: { type: 'category', data: units.current.map((c) => names.get(c)), axisLabel: { color: '#e6edf7', fontSize: text * 0.9 } },
      // Complete (≥ 95%), nearly (80–95%), poor: the colours of met, near and below.
      visualMap: {
        show: false,
        type: 'piecewise',
        dimension: 2,
        pieces: [
          { gte: 95, color: rgb(STATUS_COLOURS.met) },
          { gte: 80, lt: 95, color: rgb(STATUS_COLOURS.near) },
          { lt: 80, color: rgb(STATUS_COLOURS.below) },
        ],
      },
      series: [
        {
          type: 'heatmap',
          data: props.cells
            .filter((c) => c.completeness !== null)
            .map((c) => [props.months.indexOf(c.month), units.current.indexOf(c.unit.code), Math.round(c.completeness! * 10) / 10]),
          label: { show: true, color: '#0b1220', fontSize: text * 0.8, formatter: (p: { value: number[] }) => props.format(p.value[2]!) },
          itemStyle: { borderColor: '#0b1220', borderWidth: 2 },
        },
      ],
    });
  }, [props.cells, props.months, props.format]);
  return <div ref={container} className="chart" data-testid="quality-matrix" />;
}
