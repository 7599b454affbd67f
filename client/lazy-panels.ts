/**
 * The map and chart modules, loaded lazily (they are most of the JavaScript) but fetched as soon
 * as the app starts, and retried with backoff if fetching fails: an unattended wall must not be
 * left blank because the server restarted before a panel's code had arrived.
 */
import { lazy, type ComponentType } from 'react';

async function retrying<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (err) {
      if (attempt >= 30) throw err;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
}

function panel<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => (loading ??= retrying(load).catch((err) => ((loading = null), Promise.reject(err))));
  return { Component: lazy(preload), preload };
}

const map = panel(() => import('./map/ChoroplethMap.tsx'));
const ranking = panel(() => import('./charts/RankingChart.tsx'));
const trend = panel(() => import('./charts/TrendChart.tsx'));
const distribution = panel(() => import('./charts/DistributionChart.tsx'));
const qualityMatrix = panel(() => import('./charts/QualityMatrix.tsx'));
const channel = panel(() => import('./charts/ChannelChart.tsx'));
const forecast = panel(() => import('./charts/ForecastChart.tsx'));

export const ChoroplethMap = map.Component;
export const RankingChart = ranking.Component;
export const TrendChart = trend.Component;
export const DistributionChart = distribution.Component;
export const QualityMatrix = qualityMatrix.Component;
export const ChannelChart = channel.Component;
export const ForecastChart = forecast.Component;

export function preloadPanels(): void {
  for (const p of [map, ranking, trend, distribution, qualityMatrix, channel, forecast]) void p.preload().catch(() => undefined);
}
