/** A scene of the wall: KPI tiles, the choropleth and a ranking, each a live view. */
import { Suspense, useMemo } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { Facility, Level, UnitOverview } from '../../data/schema/pack.ts';
import type { View } from '../../data/schema/view.ts';
import type { Topology } from 'topojson-specification';
import { levelSteps } from '../format/level-steps.ts';
import { useValueFormat } from '../format/use-value-format.ts';
import { GuideLink } from '../guide/GuideLink.tsx';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { choropleth } from '../map/choropleth.ts';
import { MapLegend } from '../map/MapLegend.tsx';
import { levelWithPopulation } from '../map/per-population.ts';
import { ChoroplethMap, DistributionChart, RankingChart, TrendChart } from '../lazy-panels.ts';
import { KpiTile } from '../wall/KpiTile.tsx';
import { OverviewStrip } from '../wall/OverviewStrip.tsx';
import { PrintBand } from '../print/PrintBand.tsx';
import { PRINTING } from '../print/printing.ts';
import { SEQUENTIAL_PALETTE } from '../print/ink.ts';
import { DistributionFigures, MapFigures, RankingFigures, TrendFigures } from '../print/SceneFigures.tsx';
import { recentPeriods } from '../explore/explore-state.ts';
import { periodEnd, periodWords } from '../../data/schema/period.ts';
import { StatusLegend } from '../wall/StatusLegend.tsx';
import { AbbreviationKey } from '../wall/AbbreviationKey.tsx';
import { SurveillancePanel } from '../surveillance/SurveillancePanel.tsx';
import { dayText } from '../format/coverage-text.ts';

const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
import type { SceneSpec } from './scene-specs.ts';

export function Scene(props: {
  spec: SceneSpec;
  /** The headline month (the last closed), and the last that has ended (later when it is still provisional). */
  month: string;
  ended: string;
  dueDays: number;
  indicators: Map<string, Indicator>;
  topology: Topology | null;
  facilities: Facility[];
  seat?: string;
  units: UnitOverview[];
  levels: Level[];
}) {
  const { t, language } = useT();
  const { spec, month } = props;
  // A count is mapped per population: at the level whose units have one (communes, from the pack's
  // list; areas where a pack gives communes none). Each unit's own population, by the rule of
  // data/schema/population.ts: a document of the department where it gives the unit, else the list's sum.
  const mapKind = props.indicators.get(spec.map.indicator)?.kind;
  const mapLevel = useMemo(
    () => (mapKind === 'count' ? (levelWithPopulation(props.levels.map((l) => l.id), spec.map.level, props.units) as typeof spec.map.level) : spec.map.level),
    [mapKind, spec.map.level, props.levels, props.units],
  );
  const views = useMemo(() => {
    // The tiles' and the trend's months run on to the last that has ended: a provisional month shows, marked, after the headline.
    const extra = monthsBetween(month, props.ended);
    const tiles: View = { indicators: spec.tiles, level: 'province', grain: 'month', last: 13 + extra, to: props.ended };
    const map: View = { indicators: [spec.map.indicator], level: mapLevel, grain: 'month', from: month, to: month };
    const ranking: View = { indicators: [spec.ranking.indicator], level: spec.ranking.level, grain: 'month', from: month, to: month, ...(spec.ranking.facilityKind ? { facilityKind: spec.ranking.facilityKind } : {}) };
    const trend: View | null = spec.channel ? null : { indicators: [spec.trend], level: 'province', grain: 'month', last: 24, to: props.ended };
    const half = `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
    const distribution: View | null = spec.distribution
      ? { indicators: [spec.distribution], level: 'province', grain: 'half', last: 2, to: half }
      : null;
    return { tiles, map, ranking, trend, distribution };
  }, [spec, month, props.ended]);
  const tiles = useLiveView(views.tiles);
  const map = useLiveView(views.map);
  const ranking = useLiveView(views.ranking);
  const trend = useLiveView(views.trend);
  const distribution = useLiveView(views.distribution);
  const latestLevels = distribution?.answer.rows.filter((r) => r.distribution).at(-1);

  const mapRows = map?.answer.rows ?? [];
  const population = useMemo(() => new Map(props.units.map((u) => [u.code, u.population?.value ?? null])), [props.units]);
  const mapIndicator = props.indicators.get(spec.map.indicator);
  const mapColours = useMemo(() => choropleth(mapRows, mapIndicator, population, SEQUENTIAL_PALETTE), [mapRows, mapIndicator, population]);
  const rankingIndicator = props.indicators.get(spec.ranking.indicator);
  const trendIndicator = props.indicators.get(spec.trend);
  const channelIndicator = spec.channel && props.indicators.get(spec.channel.indicator);
  const rankingFormat = useValueFormat(rankingIndicator?.unit[language]);
  const trendFormat = useValueFormat(trendIndicator?.unit[language]);
  const levelIndicator = spec.distribution ? props.indicators.get(spec.distribution) : undefined;
  const steps = useMemo(() => (levelIndicator ? levelSteps(levelIndicator, language) : []), [levelIndicator, language]);
  const year = Number(month.slice(0, 4));
  const levelTarget = levelIndicator?.targets.find((t) => year >= t.from_year && year <= t.to_year)?.value ?? null;
  const demo = [tiles, map, ranking, trend, distribution].some((v) => v?.answer.rows.some((r) => r.demo));
  const province = props.units.find((u) => u.parentCode === null);
  // Every view answered and the boundaries in: what waits for a finished picture starts from here (see screen.ts).
  const ready = props.topology !== null && [tiles, map, ranking].every(Boolean) && (!views.trend || Boolean(trend)) && (!views.distribution || Boolean(distribution));

  return (
    <section className="scene scene-panels" data-testid={`scene-${spec.id}`} data-ready={ready ? 'yes' : 'no'}>
      <h2>
        {t(spec.title)} <span className="period">{periodWords({ grain: 'month', start: `${month}-01` }, language)}</span>
        <span className="closed-note" data-testid="headline-period">
          {t('wall.closed')}
          {props.ended !== month &&
            ` · ${t('wall.openPeriod', { period: periodWords({ grain: 'month', start: `${props.ended}-01` }, language), due: dayText(addDays(periodEnd({ grain: 'month', start: `${props.ended}-01` }), props.dueDays), language) })}`}
        </span>
        {demo && <span className="demo-badge" title={t('wall.demoNote')}>{t('wall.demo')}</span>}
      </h2>
      {spec.overview && province && <OverviewStrip unit={province} units={props.units} levels={props.levels} />}
      <div className="tiles">
        {spec.tiles.map((code) => {
          const indicator = props.indicators.get(code);
          return indicator && <KpiTile key={code} indicator={indicator} rows={(tiles?.answer.rows ?? []).filter((r) => r.indicator === code)} headline={`${month}-01`} />;
        })}
      </div>
      <div className="panel map-panel">
        <h3>{mapIndicator && <GuideLink code={mapIndicator.code} name={mapIndicator.name[language]} />}</h3>
        {props.topology && (
          <Suspense fallback={<div className="map" />}>
            <ChoroplethMap
              topology={props.topology}
              level={mapLevel}
              colours={mapColours.colours}
              facilities={props.facilities}
              seat={props.seat}
              legend={<MapLegend choropleth={mapColours} unit={mapIndicator?.unit[language] ?? ''} />}
              keysBeside
            />
          </Suspense>
        )}
        {PRINTING && <MapFigures rows={mapRows} units={props.units.filter((u) => u.level === mapLevel)} indicator={mapIndicator} population={population} />}
      </div>
      <div className="panel chart-panel">
        <h3>{rankingIndicator && <GuideLink code={rankingIndicator.code} name={rankingIndicator.name[language]}>{rankingIndicator.short_name[language]}</GuideLink>}</h3>
        <Suspense fallback={<div className="chart" />}>
          <RankingChart
            rows={ranking?.answer.rows ?? []}
            format={rankingFormat}
            targetLabel={t('ranking.target')}
          />
        </Suspense>
        {/* From the catalogue, not the answer: the chart keeps its size when the figures come. */}
        {rankingIndicator?.targets.some((t) => year >= t.from_year && year <= t.to_year) && <StatusLegend />}
        <AbbreviationKey names={(ranking?.answer.rows ?? []).map((r) => r.entity.name)} />
        {PRINTING && <RankingFigures rows={ranking?.answer.rows ?? []} indicator={rankingIndicator} facilities={spec.ranking.level === 'facility'} />}
      </div>
      <div className={`panel chart-panel${levelIndicator ? ' split' : ''}`}>
        {spec.channel && channelIndicator ? (
          <SurveillancePanel indicator={channelIndicator} weeks={spec.channel.weeks} />
        ) : (
          <div>
            <h3>{trendIndicator && <GuideLink code={trendIndicator.code} name={trendIndicator.name[language]}>{trendIndicator.short_name[language]}</GuideLink>}</h3>
            <Suspense fallback={<div className="chart" />}>
              <TrendChart
                rows={trend?.answer.rows ?? []}
                lowerIsBetter={trendIndicator?.direction === 'lower_is_better'}
                ceiling={trendIndicator?.part_of_whole ? trendIndicator.factor : undefined}
                format={trendFormat}
                targetLabel={t('ranking.target')}
              />
            </Suspense>
            {PRINTING && <TrendFigures rows={trend?.answer.rows ?? []} indicator={trendIndicator} months={5} />}
          </div>
        )}
        {/* The panel's place is kept from the start: the map and charts are not resized (and redrawn) when the answer comes. */}
        {levelIndicator && (
          <div>
            <h3>
              <GuideLink code={levelIndicator.code} name={levelIndicator.name[language]}>{levelIndicator.short_name[language]}</GuideLink> <span className="period">{latestLevels && latestLevels.period.grain !== 'range' && periodWords({ grain: latestLevels.period.grain, start: latestLevels.period.start }, language)}</span>
            </h3>
            {latestLevels && (
              <Suspense fallback={<div className="chart" />}>
                <DistributionChart
                  distribution={latestLevels.distribution!}
                  steps={steps}
                  target={levelTarget}
                  levelLabel={t('chart.level')}
                />
              </Suspense>
            )}
            {PRINTING && latestLevels && (
              <DistributionFigures distribution={latestLevels.distribution!} steps={steps} />
            )}
          </div>
        )}
      </div>
      {PRINTING && province && (
        <PrintBand
          unit={province}
          period={month}
          indicators={[...spec.tiles, spec.map.indicator, spec.ranking.indicator, spec.trend, ...(spec.distribution ? [spec.distribution] : [])]}
          from={`${recentPeriods('month', `${month}-01`, 24).at(-1)}-01`}
          to={periodEnd({ grain: 'month', start: `${month}-01` })}
        />
      )}
    </section>
  );
}
