/**
 * The app: the wall (scenes rotating on a configurable interval, ?rotate=seconds, 0 to stop;
 * ?kiosk=1 for the unattended display, without controls) or, under /explore, the drill-down for
 * tablets; both under the same header and live connection.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Indicator } from '../data/schema/indicator.ts';
import type { FreshnessMessage } from '../data/schema/live.ts';
import { reportingRule, type Pack, type UnitOverview } from '../data/schema/pack.ts';
import type { Topology } from 'topojson-specification';
import { BriefingList } from './briefing/BriefingList.tsx';
import { BriefingCover } from './print/BriefingCover.tsx';
import { Explore } from './explore/Explore.tsx';
import { LanguageContext, translate, type Language } from './i18n/index.ts';
import { preloadPanels } from './lazy-panels.ts';
import { PRINTING } from './print/printing.ts';
import { LiveClient, type ConnectionState } from './live/live-client.ts';
import { LiveContext } from './live/use-live-view.ts';
import { getJson } from './live/use-refreshed.ts';
import { lastClosedMonth, lastCompleteMonth } from './scenes/periods.ts';
import { LevelsContext } from './format/coverage-text.ts';
import { AttentionScene } from './attention/AttentionScene.tsx';
import { QualityScene } from './quality/QualityScene.tsx';
import { Scene } from './scenes/Scene.tsx';
import { ScoresScene } from './scores/ScoresScene.tsx';
import { ForecastPanel } from './forecast/ForecastPanel.tsx';
import { SCENES } from './scenes/scene-specs.ts';
import { KioskBar } from './wall/KioskBar.tsx';
import { useRotation } from './wall/use-rotation.ts';
import { WallHeader } from './wall/WallHeader.tsx';

// The guide is a screen of its own, not part of the wall: its code (and the catalogue schema it reads) loads when opened.
const Guide = lazy(() => import('./guide/Guide.tsx'));

type PackSummary = Omit<Pack, 'crosswalk' | 'formerUnits'>;

export function App() {
  const params = new URLSearchParams(location.search);
  const [language, setLanguage] = useState<Language>(params.get('lang') === 'en' ? 'en' : 'vi');
  const [pack, setPack] = useState<PackSummary | null>(null);
  const [indicators, setIndicators] = useState<Map<string, Indicator>>(new Map());
  const [topology, setTopology] = useState<Topology | null>(null);
  const [units, setUnits] = useState<UnitOverview[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [freshness, setFreshness] = useState<FreshnessMessage | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const kiosk = params.get('kiosk') === '1';
  // Read once: the wall is configured by its URL.
  const [rotation] = useState(() => ({ seconds: Number(params.get('rotate') ?? 60), start: Math.max(0, SCENES.findIndex((s) => s.id === params.get('scene'))) }));
  const live = useMemo(() => new LiveClient(location.origin), []);

  useEffect(() => {
    preloadPanels();
    Promise.all([
      getJson<PackSummary>('/api/pack'),
      getJson<Indicator[]>('/api/indicators'),
      getJson<Topology>('/api/boundaries'),
      getJson<{ units: UnitOverview[] }>('/api/units'),
    ]).then(
      ([p, list, topo, tree]) => {
        setPack(p);
        setIndicators(new Map(list.map((i) => [i.code, i])));
        setTopology(topo);
        setUnits(tree.units);
      },
      (err: Error) => setError(err.message),
    );
    const stop = live.listen({ freshness: setFreshness, connection: setConnection });
    return () => {
      stop();
      live.close();
    };
  }, [live]);

  // The headline month is the last closed one (its reports due); the month after it, if ended, shows as provisional.
  const month = pack ? lastClosedMonth(pack.timezone, reportingRule(pack).due_days.month) : null;
  const ended = pack ? lastCompleteMonth(pack.timezone) : null;
  const exploring = location.pathname.startsWith('/explore');
  const guide = location.pathname.startsWith('/guide');
  // The weekly briefing's cover, a page of its own that the server prints before the scenes.
  const cover = location.pathname === '/briefings/cover';
  const briefings = !cover && location.pathname.startsWith('/briefings');
  const wall = !exploring && !guide && !briefings && !cover;
  const { current, upcoming, dueAt, upcomingRef } = useRotation(SCENES.length, wall ? rotation.seconds : 0, rotation.start);
  const root = units.find((u) => u.parentCode === null);
  // The level the scores scene ranks: the one under the province.
  const below = pack && root ? pack.levels[pack.levels.findIndex((l) => l.id === root.level) + 1] : undefined;
  return (
    <LanguageContext.Provider value={language}>
      <LiveContext.Provider value={live}>
        <LevelsContext.Provider value={pack?.levels ?? []}>
        <div className={kiosk ? 'wall kiosk' : 'wall'}>
          {!cover && (
            <WallHeader
              province={pack?.name[language] ?? ''}
              timeZone={pack?.timezone ?? 'Asia/Ho_Chi_Minh'}
              freshness={freshness}
              connection={connection}
              kiosk={kiosk}
              onLanguage={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
            />
          )}
          {error && <p role="alert">{error.endsWith(': 401') ? translate(language, 'app.needToken') : translate(language, 'app.loadFailed', { reason: error })}</p>}
          {!pack && !error && <p>{translate(language, 'app.loading')}</p>}
          {pack && month && exploring && units.length > 0 && (
            <Explore
              levels={pack.levels}
              units={units}
              indicators={[...indicators.values()]}
              topology={topology}
              facilities={pack.facilities}
              seat={pack.seat?.unit}
              month={month}
            />
          )}
          {pack && month && guide && (
            <Suspense fallback={<p>{translate(language, 'app.loading')}</p>}>
              <Guide indicators={[...indicators.values()]} month={month} reporting={reportingRule(pack)} units={units} levels={pack.levels} />
            </Suspense>
          )}
          {pack && briefings && <BriefingList timeZone={pack.timezone} />}
          {pack && month && cover && root && below && (
            <BriefingCover
              province={{ code: root.code, name: pack.name[language] }}
              areaLevel={below.id}
              title={`${translate(language, 'app.title')} ${pack.name[language]}`}
              month={month}
              week={params.get('week')}
              timeZone={pack.timezone}
              indicators={indicators}
            />
          )}
          {pack && month && wall && (
            <div className="scene-stack">
              {/* The current scene, and the next one drawing hidden until its turn (use-rotation.ts). */}
              {[current, ...(upcoming === null ? [] : [upcoming])].map((index) => {
                const spec = SCENES[index]!;
                return (
                  <div key={spec.id} className="scene-slot" data-shown={index === current ? 'yes' : 'no'} ref={index === current ? undefined : upcomingRef}>
                    {'attention' in spec && <AttentionScene timeZone={pack.timezone} />}
                    {'quality' in spec && root && <QualityScene month={month} province={root} indicators={indicators} />}
                    {'scores' in spec && root && below && (
                      <ScoresScene month={month} province={root} level={{ id: below.id, plural: (below.plural ?? below.name)[language] }}>
                        {indicators.get(spec.scores.forecast) && <ForecastPanel indicator={indicators.get(spec.scores.forecast)!} unit={root} />}
                      </ScoresScene>
                    )}
                    {'tiles' in spec && (
                      <Scene
                        spec={spec}
                        month={month}
                        ended={ended ?? month}
                        dueDays={reportingRule(pack).due_days.month}
                        indicators={indicators}
                        topology={topology}
                        facilities={pack.facilities}
                        seat={pack.seat?.unit}
                        units={units}
                        levels={pack.levels}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          )}
          {pack && wall && !PRINTING && (
            <KioskBar freshness={freshness} indicators={indicators} timeZone={pack.timezone} scenes={SCENES.map((s) => s.title)} current={current} dueAt={dueAt} />
          )}
        </div>
        </LevelsContext.Provider>
      </LiveContext.Provider>
    </LanguageContext.Provider>
  );
}
