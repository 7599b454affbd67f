/** An ECharts instance on a container, resized with it and disposed with the component. */
import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';

export function useEChart(container: RefObject<HTMLDivElement | null>, setup?: (chart: echarts.ECharts) => void) {
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(container.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    setup?.(instance);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
    // Made once per component; `setup` wires handlers that read refs.
  }, []);
  return chart;
}
