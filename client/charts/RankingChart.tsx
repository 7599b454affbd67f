/** A ranking of units or facilities by one indicator, with the target drawn as a line (ECharts, loaded lazily). */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { useEChart } from './use-echart.ts';
import { STATUS_COLOURS } from '../map/classify.ts';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

export default function RankingChart(props: {
  rows: RollupRow[];
  format(value: number | null): string;
  targetLabel: string;
  onPick?(code: string): void;
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
      textStyle: { fontFamily: 'Noto Sans', color: '#e6edf7', fontSize: text },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#24324d' } }, axisLabel: { color: '#8aa0bf', fontSize: text * 0.85, formatter: (v: number) => props.format(v) } },
      yAxis: { type: 'category', data: rows.map((r) => r.entity.name), axisLabel: { color: '#e6edf7', fontSize: text } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({
            value: r.value,
            itemStyle: { color: r.status ? rgb(STATUS_COLOURS[r.status]) : '#4f7cff' },
          })),
          label: { show: true, position: 'right', color: '#e6edf7', fontSize: text, formatter: (p: { value: number | null }) => props.format(p.value) },
          markLine:
            target === undefined
              ? undefined
              : { symbol: 'none', lineStyle: { color: '#ffffff', type: 'dashed', width: 2 }, label: { formatter: props.targetLabel, color: '#ffffff' }, data: [{ xAxis: target }] },
        },
      ],
    });
  }, [props.rows, props.format, props.targetLabel]);
  return <div ref={container} className="chart" data-testid="ranking-chart" />;
}
