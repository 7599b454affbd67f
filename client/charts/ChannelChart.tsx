/**
 * Weekly cases against the epidemic channel (ECharts, lazy): the usual level (expected) and the
 * alert zone up to the threshold as stacked bands, the week's count as bars; a week above its
 * threshold is drawn in the alarm colour with a triangle over it, so it reads without colour.
 */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { JudgedWeek } from '../../data/schema/surveillance.ts';
import { remPx } from '../format/rem.ts';
import { CHANNEL_COLOURS } from '../surveillance/SurveillancePanel.tsx';
import { SHAPE_PATHS } from '../wall/Mark.tsx';
import { useEChart } from './use-echart.ts';
import { INK } from '../print/ink.ts';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, CanvasRenderer]);

export default function ChannelChart(props: { weeks: JudgedWeek[]; weekLabel(week: JudgedWeek, first: boolean): string; format(value: number | null): string }) {
  const container = useRef<HTMLDivElement>(null);
  const draw = useEChart(container);
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    const labels = props.weeks.map((w) => w.week);
    const band = (value: (w: JudgedWeek) => number | null) => props.weeks.map((w) => (w.expected === null || w.threshold === null ? '-' : value(w)));
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      grid: { left: 8, right: 16, top: text * 1.5, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { color: INK.muted, fontSize: text, formatter: (_: string, i: number) => props.weekLabel(props.weeks[i]!, i === 0) } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: INK.grid } }, axisLabel: { color: INK.muted, fontSize: text, formatter: (v: number) => props.format(v) } },
      series: [
        // The channel: up to the expected count, then the alert zone up to the threshold.
        { type: 'line', stack: 'channel', data: band((w) => w.expected), symbol: 'none', lineStyle: { width: 0 }, areaStyle: { color: CHANNEL_COLOURS.usual }, step: 'middle' },
        { type: 'line', stack: 'channel', data: band((w) => w.threshold! - w.expected!), symbol: 'none', lineStyle: { width: 0 }, areaStyle: { color: CHANNEL_COLOURS.alert }, step: 'middle' },
        {
          type: 'bar',
          barWidth: '55%',
          data: props.weeks.map((w) => ({ value: w.count ?? '-', itemStyle: { color: w.above ? CHANNEL_COLOURS.above : CHANNEL_COLOURS.count } })),
          z: 3,
        },
        {
          type: 'scatter',
          silent: true,
          data: props.weeks.flatMap((w) => (w.above && w.count !== null ? [[w.week, w.count]] : [])),
          symbol: `path://${SHAPE_PATHS.up}`,
          symbolSize: text * 0.9,
          symbolOffset: [0, -text * 0.8],
          itemStyle: { color: CHANNEL_COLOURS.above },
          z: 4,
        },
      ],
    });
  }, [props.weeks, props.weekLabel, props.format]);
  return <div ref={container} className="chart" data-testid="channel-chart" />;
}
