/** An indicator's trend over months, with the target as a band: the zone where the target is met (ECharts, lazy). */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { useEChart } from './use-echart.ts';

echarts.use([LineChart, GridComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

export default function TrendChart(props: {
  rows: RollupRow[];
  lowerIsBetter: boolean;
  /** The most a value can be (100 for a share in percent). */
  ceiling?: number;
  format(value: number | null): string;
  targetLabel: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const draw = useEChart(container);
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    const target = props.rows.findLast((r) => r.target)?.target?.value;
    const values = props.rows.map((r) => r.value).filter((v): v is number => v !== null);
    // The axis always reaches past the target, so its band shows even when no value meets it.
    const top = Math.min(props.ceiling ?? Infinity, Math.max(...values, target ?? -Infinity) * 1.05);
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: '#e6edf7', fontSize: text },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: props.rows.map((r) => r.period.label), axisLabel: { color: '#8aa0bf', fontSize: text * 0.8 } },
      yAxis: { type: 'value', scale: true, max: (extent: { max: number }) => Math.min(props.ceiling ?? Infinity, Math.max(extent.max, top)), splitLine: { lineStyle: { color: '#24324d' } }, axisLabel: { color: '#8aa0bf', fontSize: text * 0.8, formatter: (v: number) => props.format(v) } },
      series: [
        {
          type: 'line',
          data: props.rows.map((r) => r.value),
          lineStyle: { color: '#6fa8ff', width: 3 },
          itemStyle: { color: '#6fa8ff' },
          symbolSize: 6,
          markArea:
            target === undefined
              ? undefined
              : {
                  itemStyle: { color: 'rgba(34, 160, 96, 0.18)' },
                  label: { show: true, position: 'insideTopLeft', color: '#7fe0a8', formatter: `${props.targetLabel} ${props.format(target)}` },
                  data: [props.lowerIsBetter ? [{ yAxis: 0 }, { yAxis: target }] : [{ yAxis: target }, { yAxis: top }]],
                },
        },
      ],
    });
  }, [props.rows, props.lowerIsBetter, props.ceiling, props.format, props.targetLabel]);
  return <div ref={container} className="chart" data-testid="trend-chart" />;
}
