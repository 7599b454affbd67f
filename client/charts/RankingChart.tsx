/**
 * A ranking of units or facilities by one indicator, with the target drawn as a line (ECharts,
 * loaded lazily). Each bar's status is its colour and a shape at its end (see Mark.tsx), so it
 * reads without colour. Filling a panel, it shows as many rows as have room for their names (the
 * lowest ranked: what needs attention) and says how many it left out.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { byRank, type RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { useT } from '../i18n/index.ts';
import { useEChart } from './use-echart.ts';
import { STATUS_COLOURS } from '../map/classify.ts';
import { INK } from '../print/ink.ts';
import { SHAPE_PATHS, STATUS_SHAPES } from '../wall/Mark.tsx';

echarts.use([BarChart, ScatterChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;
/** A row's least height, in text heights: names closer than this touch. */
const ROW_LINES = 1.35;

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
  const { t } = useT();
  const [shown, setShown] = useState(props.rows.length);
  const note = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const text = Math.round(remPx());
    const target = props.rows.find((r) => r.target)?.target?.value;
    const margins = 16 + (target === undefined ? 0 : text * 1.6);
    // Best at the top: ECharts draws category axes bottom-up. Where not all have room, the lowest ranked.
    // The panel's height for the chart and the note under it (present or not), so the count does not depend on the last
    // one. Read only where the chart fills a panel: reading it lays the page out before the chart draws.
    const fits = (height: number) => Math.max(1, Math.floor((height - margins) / (text * ROW_LINES)));
    const full = props.rowRem ? Infinity : container.current!.clientHeight + (note.current ? note.current.getBoundingClientRect().height + 0.4 * text : 0);
    const room = fits(full) >= props.rows.length ? props.rows.length : fits(full - 1.6 * text);
    // The worst ranked where not all have room; figures that are not final only in the room left, below them.
    const ranked = props.rows.filter((r) => r.rank !== null).sort((a, b) => byRank(b, a));
    const rows = [...props.rows.filter((r) => r.rank === null), ...ranked.slice(0, room)].slice(-room);
    setShown(rows.length);
    codes.current = rows.map((r) => r.entity.code);
    draw({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans', color: INK.text, fontSize: text },
      // Room above for the target's label; no value axis: each bar carries its figure, and ticks would crowd a narrow panel.
      grid: { left: 8, right: text * 5, top: margins - 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { show: false }, axisLabel: { show: false } },
      yAxis: { type: 'category', data: rows.map((r) => r.entity.name), axisLabel: { color: INK.text, fontSize: text } },
      series: [
        {
          type: 'bar',
          // A figure that is not final is drawn faint and says so: it is not ranked with the others.
          data: rows.map((r) => ({
            value: r.value,
            itemStyle: { color: r.status ? rgb(STATUS_COLOURS[r.status]) : INK.bar, opacity: r.finality === 'final' ? 1 : 0.4 },
          })),
          label: {
            show: true,
            position: 'right',
            distance: rows.some((r) => r.status) ? text * 1.6 : 5,
            color: INK.text,
            fontSize: text,
            formatter: (p: { value: number | null; dataIndex: number }) => {
              const finality = rows[p.dataIndex]?.finality ?? 'final';
              return finality === 'final' ? props.format(p.value) : `${props.format(p.value)} · ${t(`finality.${finality}`)}`;
            },
          },
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
  }, [props.rows, props.format, props.targetLabel, props.rowRem, t]);
  const height = props.rowRem ? { height: `${Math.max(1, props.rows.length) * props.rowRem + 1}rem`, flex: 'none' } : undefined;
  return (
    <>
      <div ref={container} className="chart" data-testid="ranking-chart" data-rows={shown} style={height} />
      {shown < props.rows.length && (
        <p ref={note} className="note" data-testid="ranking-left-out">
          {t('ranking.lowest', { shown, total: props.rows.length })}
        </p>
      )}
    </>
  );
}
