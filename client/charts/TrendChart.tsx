/** An indicator's trend over months, with each target as a band over the months it is in force: the zone where it is met (ECharts, lazy). */
import { useLayoutEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { useT } from '../i18n/index.ts';
import { useEChart } from './use-echart.ts';
import { INK } from '../print/ink.ts';

echarts.use([LineChart, GridComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

/** A month on the axis in words, short: "T11" (Vietnamese) or "Nov", with the year under January and the first month. */
function monthTick(start: string, first: boolean, language: 'vi' | 'en'): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const month = language === 'vi' ? `T${m}` : new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return first || m === 1 ? `${month}\n${y}` : month;
}

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
  const { language, t } = useT();
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    // A target is drawn only over the months it is in force: one band per run of months with the same target.
    const runs: { from: string; to: string; end: number; value: number }[] = [];
    for (const [i, r] of props.rows.entries()) {
      if (!r.target) continue;
      const last = runs.at(-1);
      if (last && last.value === r.target.value && last.end === i - 1) Object.assign(last, { to: r.period.label, end: i });
      else runs.push({ from: r.period.label, to: r.period.label, end: i, value: r.target.value });
    }
    const values = props.rows.map((r) => r.value).filter((v): v is number => v !== null);
    // The axis always reaches past the targets, so their bands show even when no value meets them.
    const top = niceCeiling(Math.max(...values, ...runs.map((t) => t.value)) * 1.05, Math.min(...values, ...runs.map((t) => t.value)), props.ceiling);
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: props.rows.map((r) => r.period.label), axisLabel: { color: INK.muted, fontSize: text, lineHeight: Math.round(text * 1.25), formatter: (_: string, i: number) => monthTick(props.rows[i]?.period.start ?? '', i === 0, language) } },
      yAxis: { type: 'value', scale: true, max: (extent: { max: number }) => Math.min(props.ceiling ?? Infinity, Math.max(extent.max, top)), splitLine: { lineStyle: { color: INK.grid } }, axisLabel: { color: INK.muted, fontSize: text, formatter: (v: number) => props.format(v) } },
      series: [
        {
          type: 'line',
          // A month that is not final is a hollow point, labelled: the line reaches it, the reader does not take it as settled.
          data: props.rows.map((r, i) =>
            r.finality === 'final'
              ? r.value
              : {
                  value: r.value,
                  symbol: 'emptyCircle',
                  symbolSize: text * 0.7,
                  // Named at the last point only (the month still provisional), to its left so it stays inside the chart.
                  label: { show: i === props.rows.length - 1, position: 'left', color: INK.text, fontSize: text, formatter: t(`finality.${r.finality}`) },
                },
          ),
          lineStyle: { color: INK.series, width: text / 6 },
          itemStyle: { color: INK.series },
          symbolSize: text / 3,
          markArea:
            runs.length === 0
              ? undefined
              : {
                  itemStyle: { color: INK.band },
                  label: { show: true, position: 'insideTopLeft', color: INK.bandLabel },
                  data: runs.map((t) => [
                    // Labelled where the band is wide enough to hold it (a lone month at an edge is not).
                    { xAxis: t.from, yAxis: props.lowerIsBetter ? 0 : t.value, name: t.end - props.rows.findIndex((r) => r.period.label === t.from) >= 2 ? `${props.targetLabel} ${props.format(t.value)}` : '' },
                    { xAxis: t.to, yAxis: props.lowerIsBetter ? t.value : top },
                  ]),
                },
        },
      ],
    });
  }, [props.rows, props.lowerIsBetter, props.ceiling, props.format, props.targetLabel, language, t]);
  return <div ref={container} className="chart" data-testid="trend-chart" />;
}

/**
 * The axis's top, rounded up to a round step of the range (1, 2 or 5 × a power of ten), so that
 * its label is not an odd value crowding the tick below it (52,5% over 50,0%).
 */
function niceCeiling(top: number, bottom: number, ceiling = Infinity): number {
  if (!Number.isFinite(top) || !Number.isFinite(bottom) || top <= bottom) return Math.min(ceiling, top);
  const rough = (top - bottom) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].find((m) => m * power >= rough)! * power;
  return Math.min(ceiling, Math.ceil(top / step) * step);
}
