/**
 * An ECharts instance on a container, resized with it and disposed with the component.
 * `draw` replaces the chart's option and marks the container `data-painted="no"` until ECharts
 * has finished drawing it, so a test or the briefing renderer can wait for the figures to be on
 * screen instead of sleeping. Layout effects, here and in the charts, so "no" is set in the same
 * commit that brings new figures: an observer of that commit never sees the old "yes".
 */
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { PRINTING } from '../print/printing.ts';

// Printed pages draw SVG: a PDF keeps its labels as text (searchable, sharp at any size).
echarts.use([SVGRenderer]);

export function useEChart(container: RefObject<HTMLDivElement | null>, setup?: (chart: echarts.ECharts) => void) {
  const chart = useRef<echarts.ECharts | null>(null);
  useLayoutEffect(() => {
    const element = container.current!;
    const instance = echarts.init(element, undefined, { renderer: PRINTING ? 'svg' : 'canvas' });
    chart.current = instance;
    instance.on('finished', () => {
      element.dataset.painted = 'yes';
    });
    setup?.(instance);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
    // Made once per component; `setup` wires handlers that read refs.
  }, []);
  return useCallback((option: echarts.EChartsCoreOption) => {
    if (!chart.current) return;
    container.current!.dataset.painted = 'no';
    chart.current.setOption(option, true);
  }, []);
}
