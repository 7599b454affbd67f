/** A scene of the wall: KPI tiles, the choropleth and a ranking, each a live view. */
import { lazy, Suspense, useMemo } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { Level, UnitOverview } from '../../data/schema/pack.ts';
import type { View } from '../../data/schema/view.ts';
import type { Topology } from 'topojson-specification';
import { formatValue } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { classifyByQuantile, classifyByStatus } from '../map/classify.ts';
import { KpiTile } from '../wall/KpiTile.tsx';
import { OverviewStrip } from '../wall/OverviewStrip.tsx';
import type { SceneSpec } from './scene-specs.ts';

const ChoroplethMap = lazy(() => import('../map/ChoroplethMap.tsx'));
const RankingChart = lazy(() => import('../charts/RankingChart.tsx'));

export function Scene(props: {
  spec: SceneSpec;
  month: string;
  indicators: Map<string, Indicator>;
  topology: Topology | null;
  units: UnitOverview[];
  levels: Level[];
}) {
  const { t, language } = useT();
  const { spec, month } = props;
  const views = useMemo(() => {
    const tiles: View = { indicators: spec.tiles, level: 'province', grain: 'month', last: 13, to: month };
    const map: View = { indicators: [spec.map.indicator], level: spec.map.level, grain: 'month', from: month, to: month };
    const ranking: View = { indicators: [spec.ranking.indicator], level: spec.ranking.level, grain: 'month', from: month, to: month, ...(spec.ranking.facilityKind ? { facilityKind: spec.ranking.facilityKind } : {}) };
    return { tiles, map, ranking };
  }, [spec, month]);
  const tiles = useLiveView(views.tiles);
  const map = useLiveView(views.map);
  const ranking = useLiveView(views.ranking);

  const mapRows = map?.answer.rows ?? [];
  const classification = useMemo(
    () => (mapRows.some((r) => r.target) ? classifyByStatus() : classifyByQuantile(mapRows.map((r) => r.value))),
    [mapRows],
  );
  const mapIndicator = props.indicators.get(spec.map.indicator);
  const rankingIndicator = props.indicators.get(spec.ranking.indicator);
  const demo = [tiles, map, ranking].some((v) => v?.answer.rows.some((r) => r.demo));

  return (
    <section className="scene" data-testid={`scene-${spec.id}`}>
      <h2>
        {t(spec.title)} <span className="period">{month}</span>
        {demo && <span className="demo-badge" title={t('wall.demoNote')}>{t('wall.demo')}</span>}
      </h2>
      {spec.overview && props.units.length > 0 && (
        <OverviewStrip unit={props.units.find((u) => u.parentCode === null)!} units={props.units} levels={props.levels} />
      )}
      <div className="tiles">
        {spec.tiles.map((code) => {
          const indicator = props.indicators.get(code);
          return indicator && <KpiTile key={code} indicator={indicator} rows={(tiles?.answer.rows ?? []).filter((r) => r.indicator === code)} />;
        })}
      </div>
      <div className="panel map-panel">
        <h3>{mapIndicator?.name[language]}</h3>
        {props.topology && (
          <Suspense fallback={<div className="map" />}>
            <ChoroplethMap topology={props.topology} level={spec.map.level} rows={mapRows} classification={classification} />
          </Suspense>
        )}
        <ul className="legend">
          {classification.legend.map((item, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: `rgb(${item.colour.join(',')})` }} />
              {item.status ? t(`status.${item.status}`) : `${formatValue(item.from ?? null, mapIndicator?.unit[language] ?? '', language)} – ${formatValue(item.to ?? null, mapIndicator?.unit[language] ?? '', language)}`}
            </li>
          ))}
        </ul>
      </div>
      <div className="panel chart-panel">
        <h3>{rankingIndicator?.name[language]}</h3>
        <Suspense fallback={<div className="chart" />}>
          <RankingChart
            rows={ranking?.answer.rows ?? []}
            format={(v) => formatValue(v, rankingIndicator?.unit[language] ?? '', language)}
            targetLabel={t('ranking.target')}
          />
        </Suspense>
      </div>
    </section>
  );
}
