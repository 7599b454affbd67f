/**
 * How many facilities stand at each level (e.g. TT 54 IT levels), the target level marked: never a
 * mean (ECharts, lazy). A level is named by its label where the catalogue gives one, else "Mức 2".
 */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { LevelStep } from '../format/level-steps.ts';
import { remPx } from '../format/rem.ts';
import { useEChart } from './use-echart.ts';
import { INK } from '../print/ink.ts';

echarts.use([BarChart, GridComponent, MarkLineComponent, CanvasRenderer]);

export default function DistributionChart(props: { distribution: Record<string, number>; steps: LevelStep[]; target: number | null; levelLabel: string }) {
  const container = useRef<HTMLDivElement>(null);
  const draw = useEChart(container);
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: props.steps.map((s) => s.label ?? `${props.levelLabel} ${s.level}`), axisLabel: { color: INK.text, fontSize: text } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: INK.grid } }, axisLabel: { color: INK.muted, fontSize: text } },
      series: [
        {
          type: 'bar',
          // Against a target, levels meeting it are green and the others red; without one, neutral.
          data: props.steps.map(({ level }) => ({
            value: props.distribution[String(level)] ?? 0,
            itemStyle: { color: props.target === null ? INK.bar : level >= props.target ? 'rgb(34,160,96)' : 'rgb(214,64,69)' },
          })),
          label: { show: true, position: 'top', color: INK.text, fontSize: text },
        },
      ],
    });
  }, [props.distribution, props.steps, props.target, props.levelLabel]);
  return <div ref={container} className="chart" data-testid="distribution-chart" />;
}
