/**
 * Explore (tablet, touch): an indicator over the units below the one drilled into. Tap a unit on
 * the map or its bar to go down (communes, then their facilities); the breadcrumb goes back up.
 * The URL holds the state, so a link reopens the same view.
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { Facility, Level, UnitOverview } from '../../data/schema/pack.ts';
import type { QualityRequest } from '../../data/schema/quality.ts';
import type { View } from '../../data/schema/view.ts';
import type { Topology } from 'topojson-specification';
import { useValueFormat } from '../format/use-value-format.ts';
import { GuideLink } from '../guide/GuideLink.tsx';
import { Mark, STATUS_SHAPES } from '../wall/Mark.tsx';
import { StatusLegend } from '../wall/StatusLegend.tsx';
import { AbbreviationKey } from '../wall/AbbreviationKey.tsx';
import { useT } from '../i18n/index.ts';
import { ChoroplethMap, RankingChart } from '../lazy-panels.ts';
import { useLastReady } from '../live/use-last-ready.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { PrintBand } from '../print/PrintBand.tsx';
import { PRINTING } from '../print/printing.ts';
import { QualityPanel } from '../quality/QualityPanel.tsx';
import { useQuality } from '../quality/use-quality.ts';
import { UnplacedUnits } from '../map/UnplacedUnits.tsx';
import { choropleth } from '../map/choropleth.ts';
import { SEQUENTIAL_PALETTE } from '../print/ink.ts';
import { MapLegend } from '../map/MapLegend.tsx';
import { Breakdown } from './Breakdown.tsx';
import { periodText } from '../format/period-text.ts';
import { UnitSummary } from './UnitSummary.tsx';
import { ScoresPanel } from '../scores/ScoresPanel.tsx';
import { readScoreSettings, scoreParams } from '../scores/score-settings.ts';
import { formatValue } from '../format/format-value.ts';
import { parsePeriod, periodEnd, periodOf, type Grain } from '../../data/schema/period.ts';
import { childLevel, exploreUrl, pathTo, readExploreState, recentPeriods, type ExploreState, type UnitNode } from './explore-state.ts';
import { forecastRefusal } from '../../data/schema/forecast.ts';
import { ForecastPanel } from '../forecast/ForecastPanel.tsx';


const QUALITY = 'quality';
const SCORES = 'scores';
const QUALITY_MONTHS = 6;

export function Explore(props: {
  levels: Level[];
  /** With their population, where known: counts are mapped per population. */
  units: (UnitNode & Pick<UnitOverview, 'population'>)[];
  indicators: Indicator[];
  topology: Topology | null;
  facilities: Facility[];
  seat?: string;
  month: string;
}) {
  const { t, language } = useT();
  const defaults: ExploreState = { indicator: 'ehr_coverage', unit: props.units.find((u) => u.parentCode === null)!.code, period: props.month };
  const [state, setState] = useState(() => readExploreState(location.search, defaults));
  useEffect(() => {
    const back = () => setState(readExploreState(location.search, defaults));
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
    // Registered once: the defaults come from props that do not change while exploring.
  }, []);
  const go = (next: Partial<ExploreState>) => {
    const merged = { ...state, ...next };
    history.pushState(null, '', exploreUrl(merged));
    setState(merged);
    // A drill from the list below the chart must show the new view from its breadcrumb down.
    document.querySelector('[data-testid=explore]')?.scrollTo({ top: 0 });
  };
  // A moved slider or a what-if is kept in the URL in place (Back leaves the screen, not one slider step).
  const tune = (scores: string) => {
    const merged = { ...state, scores: scores || undefined };
    history.replaceState(null, '', exploreUrl(merged));
    setState(merged);
  };

  const unit = props.units.find((u) => u.code === state.unit) ?? props.units[0]!;
  const below = childLevel(props.levels, unit.level);
  const children = useMemo(() => props.units.filter((u) => u.parentCode === unit.code).map((u) => u.code), [props.units, unit.code]);
  const parsed = parsePeriod(state.period);
  const current = 'error' in parsed ? { grain: 'month' as Grain, start: `${props.month}-01` } : parsed;
  const views = useMemo(() => {
    const period = { grain: current.grain, from: state.period, to: state.period };
    const mapView: View =
      below === 'facility'
        ? { indicators: [state.indicator], level: unit.level, ...(unit.parentCode ? { parent: unit.parentCode } : {}), ...period }
        : { indicators: [state.indicator], level: below, parent: unit.code, ...period };
    const rankingView: View = below === 'facility' ? { indicators: [state.indicator], level: 'facility', parent: unit.code, ...period } : mapView;
    return { mapView, rankingView };
  }, [state.indicator, state.period, current.grain, unit, below]);
  // "quality" in the indicator picker: the data quality of the units below instead of an indicator.
  const quality = state.indicator === QUALITY;
  // "scores" in the picker: the composite scores (QĐ 828 phase 2) of the unit and the units below.
  const scoring = state.indicator === SCORES;
  const figures = !quality && !scoring;
  const map = useLiveView(figures ? views.mapView : null);
  const ranking = useLiveView(figures ? views.rankingView : null);
  const qualityRequest = useMemo<QualityRequest | null>(() => {
    if (!quality) return null;
    const to = current.grain === 'month' ? state.period : props.month;
    const from = recentPeriods('month', `${to}-01`, QUALITY_MONTHS).at(-1)!;
    return below === 'facility'
      ? { level: unit.level, ...(unit.parentCode ? { parent: unit.parentCode } : {}), from, to }
      : { level: below, parent: unit.code, from, to };
  }, [quality, current.grain, state.period, props.month, below, unit]);
  const qualityAnswer = useQuality(qualityRequest);
  // Read once per URL: a new object each render would restart the scores' settle timer at every live update.
  const scoreSettings = useMemo(() => readScoreSettings(new URLSearchParams(state.scores ?? '')), [state.scores]);
  const indicator = props.indicators.find((i) => i.code === state.indicator);
  const format = useValueFormat(indicator?.unit[language], indicator);
  // The scores panel says when its own figures are in (data-ready on it).
  const ready = quality ? Boolean(qualityAnswer) : scoring || Boolean(map && ranking);
  const picture = useMemo(
    () => ({
      mapLevel: below === 'facility' ? (unit.level as 'commune') : (below as 'area' | 'commune'),
      mapCodes: below === 'facility' ? [unit.code] : children,
      mapRows: map?.answer.rows ?? [],
      // The facilities of the units shown and of the unit drilled into (its centre, or the province's hospitals).
      mapFacilities: props.facilities.filter((f) => f.unitCode === unit.code || children.includes(f.unitCode)),
      rankingRows: ranking?.answer.rows ?? [],
      facilities: below === 'facility',
      // The indicator of these rows (the picker may have moved on while the next ones load).
      indicator,
    }),
    [below, unit, children, map, ranking, props.facilities, indicator],
  );
  const shown = useLastReady(picture, ready);
  const population = useMemo(() => new Map(props.units.map((u) => [u.code, u.population?.value ?? null])), [props.units]);
  const mapColours = useMemo(() => choropleth(shown.mapRows, shown.indicator, population, SEQUENTIAL_PALETTE), [shown.mapRows, shown.indicator, population]);
  const drill = (code: string) => {
    if (props.units.some((u) => u.code === code) && code !== unit.code) go({ unit: code });
  };
  const periods = useMemo(() => recentPeriods(current.grain, `${props.month}-01`, 24), [current.grain, props.month]);
  const grains: Grain[] = ['month', 'quarter', 'half', 'year'];

  return (
    <section className="explore" data-testid="explore" data-unit={unit.code} data-ready={ready && props.topology ? 'yes' : 'no'}>
      <nav className="breadcrumb" data-testid="breadcrumb">
        {pathTo(props.units, unit.code).map((u, i, path) =>
          i < path.length - 1 ? (
            <button key={u.code} onClick={() => go({ unit: u.code })}>
              {u.name}
            </button>
          ) : (
            <strong key={u.code}>{u.name}</strong>
          ),
        )}
      </nav>
      <div className="pickers">
        <select aria-label={t('explore.indicator')} value={state.indicator} onChange={(e) => go({ indicator: e.target.value, by: undefined })}>
          <option value={QUALITY}>{t('scene.quality')}</option>
          <option value={SCORES}>{t('scores.title')}</option>
          {props.indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name[language]}
            </option>
          ))}
        </select>
        <select aria-label={t('explore.grain')} value={current.grain} onChange={(e) => go({ period: recentPeriods(e.target.value as Grain, periodOf(current.grain, current.start).start, 1)[0]! })}>
          {grains.map((g) => (
            <option key={g} value={g}>
              {t(`grain.${g}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('explore.period')} value={state.period} onChange={(e) => go({ period: e.target.value })}>
          {[...new Set([state.period, ...periods])].map((p) => (
            <option key={p} value={p}>
              {periodText(p, language)}
            </option>
          ))}
        </select>
        {([map, ranking].some((v) => v?.answer.rows.some((r) => r.demo)) || qualityAnswer?.demo) && <span className="demo-badge">{t('wall.demo')}</span>}
      </div>
      {quality && qualityAnswer && (
        <QualityPanel
          answer={qualityAnswer}
          indicatorName={(code) => props.indicators.find((i) => i.code === code)?.short_name[language] ?? code}
          indicatorUnit={(code) => props.indicators.find((i) => i.code === code)?.unit[language]}
          onPick={drill}
        />
      )}
      {scoring && (
        <ScoresPanel
          unit={unit}
          below={below}
          period={state.period}
          settings={scoreSettings}
          onSettings={(next) => tune(new URLSearchParams(scoreParams(next)).toString())}
          onPick={drill}
          format={(code, value) => formatValue(value, props.indicators.find((i) => i.code === code)?.unit[language] ?? '', language)}
        />
      )}
      {figures && indicator && (
        <UnitSummary
          unit={unit}
          indicator={indicator}
          grain={current.grain}
          period={state.period}
          facilities={props.facilities}
          childLevelName={props.levels.find((l) => l.id === below)?.name[language] ?? null}
        />
      )}
      {/* Not on a printed page: an A4 explore page has no room for it (the briefing's forecast is its own). */}
      {figures && (
        <>
          <div className="panel map-panel">
            {props.topology && (
              <Suspense fallback={<div className="map" />}>
                <ChoroplethMap
                  topology={props.topology}
                  level={shown.mapLevel}
                  codes={shown.mapCodes}
                  colours={mapColours.colours}
                  facilities={shown.mapFacilities}
                  seat={props.seat}
                  facilityRows={shown.facilities ? shown.rankingRows : undefined}
                  onPick={drill}
                  legend={<MapLegend choropleth={mapColours} unit={shown.indicator?.unit[language] ?? ''} />}
                />
              </Suspense>
            )}
            <UnplacedUnits rows={shown.mapRows} format={format} />
          </div>
          <div className="panel chart-panel">
            <h3>{indicator && <GuideLink code={indicator.code} name={indicator.name[language]} />}</h3>
            <Suspense fallback={<div className="chart" />}>
              <RankingChart
                rows={shown.rankingRows}
                format={format}
                targetLabel={t('ranking.target')}
                onPick={shown.facilities ? undefined : drill}
                rowRem={2.4}
              />
            </Suspense>
            <ol className="ranking-list" data-testid="ranking-list">
              {shown.rankingRows.map((r) => (
                <li key={`${r.entity.former ? 'former:' : ''}${r.entity.code}`} className={`status-${r.status ?? 'none'}`}>
                  {shown.facilities || r.entity.former ? (
                    <span>{r.entity.former ? t('map.formerUnit', { name: r.entity.name, code: r.entity.code }) : r.entity.name}</span>
                  ) : (
                    <button onClick={() => drill(r.entity.code)}>{r.entity.name}</button>
                  )}
                  <span className="value">
                    {format(r.value)}
                    {r.status && (
                      <span className={`status status-${r.status}`} title={t(`status.${r.status}`)}>
                        {' '}
                        <Mark shape={STATUS_SHAPES[r.status]} />
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ol>
            {shown.rankingRows.some((r) => r.status) && <StatusLegend />}
            <AbbreviationKey names={shown.rankingRows.map((r) => r.entity.name)} />
          </div>
          {indicator && Object.keys(indicator.subgroups).length > 0 && (
            <Breakdown
              indicator={indicator}
              by={state.by ?? null}
              onBy={(by) => go({ by: by ?? undefined })}
              unit={unit}
              below={below === 'facility' ? null : { level: below, parent: unit.code }}
              grain={current.grain}
              period={state.period}
              format={format}
            />
          )}
          {/* After the map and ranking: a drill-down stays where the finger is; the forecast is read below. */}
          {!PRINTING && indicator && forecastRefusal(indicator) === null && <ForecastPanel indicator={indicator} unit={unit} />}
        </>
      )}
      {PRINTING && (
        <PrintBand
          unit={unit}
          period={quality && qualityRequest ? [qualityRequest.from, qualityRequest.to] : state.period}
          indicators={quality ? props.indicators.map((i) => i.code) : [state.indicator]}
          from={quality && qualityRequest ? `${qualityRequest.from}-01` : current.start}
          to={periodEnd(quality && qualityRequest ? { grain: 'month', start: `${qualityRequest.to}-01` } : current)}
        />
      )}
    </section>
  );
}
