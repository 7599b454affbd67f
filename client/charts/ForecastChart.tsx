/**
 * A unit's monthly series and its forecast (ECharts, lazy): the figures so far as a line, the
 * forecast as a dashed line from the last of them, its 95% and 80% intervals as two bands fanning
 * out from there, and the target as a line over the years it is in force with a mark at the month
 * it is judged.
 */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ForecastAnswer } from '../../data/schema/forecast.ts';
import { FORECAST_COLOURS } from '../forecast/ForecastPanel.tsx';
import { remPx } from '../format/rem.ts';
import { INK } from '../print/ink.ts';
import { useEChart } from './use-echart.ts';

echarts.use([LineChart, ScatterChart, GridComponent, MarkLineComponent, CanvasRenderer]);

type Point = ForecastAnswer['forecast'][number];

/** The value axis: round steps (1, 2 or 5 × 10ⁿ, about five) around every value drawn, never past what the indicator can be (a share's 100%, nothing below 0). */
function valueAxis(values: number[], limits: ForecastAnswer['limits']): { min: number; max: number; interval: number } {
  const lo = Math.min(...values);
  const hi = Math.max(...values, lo + 1);
  const rough = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const interval = [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
  return {
    min: Math.max(Math.floor(lo / interval) * interval, limits.lower ?? -Infinity),
    max: Math.min(Math.ceil(hi / interval) * interval, limits.upper ?? Infinity),
    interval,
  };
}

export default function ForecastChart(props: {
  answer: ForecastAnswer;
  /** The target line's label: "Chỉ tiêu 95,0% (QĐ 5316/QĐ-BYT)". */
  targetLabel: string;
  format(value: number | null): string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const draw = useEChart(container);
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    const { history, forecast, target, limits } = props.answer;
    const months = [...history.map((h) => h.month), ...forecast.map((f) => f.month)];
    const last = history.at(-1)!;
    // The forecast and its bands start at the last figure (the bands with no width there), so the fan opens from it.
    const ahead = (start: number, value: (f: Point) => number) => [...history.slice(0, -1).map(() => '-' as const), start, ...forecast.map(value)];
    // A band is its lower edge, drawn as nothing, with its width stacked on it and filled.
    const band = (stack: string, lo: (f: Point) => number, hi: (f: Point) => number, colour: string) => [
      { type: 'line', stack, data: ahead(last.value, lo), symbol: 'none', lineStyle: { width: 0 }, silent: true },
      { type: 'line', stack, data: ahead(0, (f) => hi(f) - lo(f)), symbol: 'none', lineStyle: { width: 0 }, areaStyle: { color: colour, opacity: 1 }, silent: true },
    ];
    // The target's years, as far as the axis reaches.
    const onAxis = (month: string) => (month < months[0]! ? months[0]! : month > months.at(-1)! ? months.at(-1)! : month);
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      grid: { left: 8, right: 16, top: text * 1.5, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months,
        boundaryGap: false,
        // A year at each January: the span runs to years, month names would crowd.
        axisTick: { interval: (_: number, month: string) => month.endsWith('-01') },
        axisLabel: { color: INK.muted, fontSize: text, interval: (_: number, month: string) => month.endsWith('-01'), formatter: (month: string) => month.slice(0, 4) },
      },
      yAxis: {
        type: 'value',
        ...valueAxis([...history.map((h) => h.value), ...forecast.flatMap((f) => [f.lo95, f.hi95]), ...(target ? [target.value] : [])], limits),
        splitLine: { lineStyle: { color: INK.grid } },
        axisLabel: { color: INK.muted, fontSize: text, formatter: (v: number) => props.format(v) },
      },
      series: [
        ...band('interval95', (f) => f.lo95, (f) => f.hi95, FORECAST_COLOURS.interval95),
        ...band('interval80', (f) => f.lo80, (f) => f.hi80, FORECAST_COLOURS.interval80),
        { type: 'line', data: [...history.map((h) => h.value), ...forecast.map(() => '-')], symbol: 'none', lineStyle: { color: FORECAST_COLOURS.history, width: text / 6 }, z: 3 },
        { type: 'line', data: ahead(last.value, (f) => f.mean), symbol: 'none', lineStyle: { color: FORECAST_COLOURS.mean, width: text / 7, type: [text / 2.4, text / 3.8] }, z: 3 },
        ...(target
          ? [
              {
                // The mark at the month the target is judged.
                type: 'scatter',
                data: [[target.month, target.value]],
                symbol: 'diamond',
                symbolSize: text * 1.2,
                itemStyle: { color: FORECAST_COLOURS.target },
                silent: true,
                z: 4,
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: FORECAST_COLOURS.target, width: text / 9, type: 'solid' },
                  // Under the line's middle, clear of the figures before it and the mark at its end; haloed over the bands.
                  label: { show: true, position: 'insideMiddleBottom', distance: text * 0.4, formatter: props.targetLabel, color: INK.text, fontSize: text, textBorderColor: INK.panel, textBorderWidth: 3 },
                  data: [
                    [
                      { coord: [onAxis(`${target.fromYear}-01`), target.value] },
                      { coord: [onAxis(`${target.toYear}-12`), target.value] },
                    ],
                  ],
                },
              },
            ]
          : []),
      ],
    });
  }, [props.answer, props.targetLabel, props.format]);
  return <div ref={container} className="chart" data-testid="forecast-chart" />;
}
