/**
 * The app: the wall (scenes rotating on a configurable interval, ?rotate=seconds, 0 to stop) or,
 * under /explore, the drill-down for tablets; both under the same header and live connection.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Indicator } from '../data/schema/indicator.ts';
import type { FreshnessMessage } from '../data/schema/live.ts';
import type { Pack, UnitOverview } from '../data/schema/pack.ts';
import type { Topology } from 'topojson-specification';
import { BriefingList } from './briefing/BriefingList.tsx';
import { Explore } from './explore/Explore.tsx';
import { LanguageContext, translate, type Language } from './i18n/index.ts';
import { preloadPanels } from './lazy-panels.ts';
import { LiveClient, type ConnectionState } from './live/live-client.ts';
import { LiveContext } from './live/use-live-view.ts';
import { lastCompleteMonth } from './scenes/periods.ts';
import { AttentionScene } from './attention/AttentionScene.tsx';
import { QualityScene } from './quality/QualityScene.tsx';
import { Scene } from './scenes/Scene.tsx';
import { SCENES } from './scenes/scene-specs.ts';
import { WallHeader } from './wall/WallHeader.tsx';

// The guide is a screen of its own, not part of the wall: its code (and the catalogue schema it reads) loads when opened.
const Guide = lazy(() => import('./guide/Guide.tsx'));

type PackSummary = Omit<Pack, 'crosswalk' | 'formerUnits'>;

const getJson = <T,>(path: string) => fetch(path).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`${path}: ${r.status}`))));

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
  const [scene, setScene] = useState(() => Math.max(0, SCENES.findIndex((s) => s.id === params.get('scene'))));
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

  useEffect(() => {
    const seconds = Number(params.get('rotate') ?? 60);
    if (!(seconds > 0) || location.pathname !== '/') return;
    const timer = setInterval(() => setScene((s) => (s + 1) % SCENES.length), seconds * 1000);
    return () => clearInterval(timer);
    // The interval is read once: the wall is configured by its URL.
  }, []);

  const month = pack ? lastCompleteMonth(pack.timezone) : null;
  const exploring = location.pathname.startsWith('/explore');
  const guide = location.pathname.startsWith('/guide');
  const briefings = location.pathname.startsWith('/briefings');
  const wall = !exploring && !guide && !briefings;
  const wallScene = SCENES[scene]!;
  const root = units.find((u) => u.parentCode === null);
  return (
    <LanguageContext.Provider value={language}>
      <LiveContext.Provider value={live}>
        <div className="wall">
          <WallHeader
            province={pack?.name[language] ?? ''}
            timeZone={pack?.timezone ?? 'Asia/Ho_Chi_Minh'}
            freshness={freshness}
            connection={connection}
            onLanguage={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
          />
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
              <Guide indicators={[...indicators.values()]} month={month} />
            </Suspense>
          )}
          {pack && briefings && <BriefingList timeZone={pack.timezone} />}
          {pack && month && wall && 'attention' in wallScene && <AttentionScene key="attention" timeZone={pack.timezone} />}
          {pack && month && wall && 'quality' in wallScene && root && <QualityScene key="quality" month={month} province={root} indicators={indicators} />}
          {pack && month && wall && !('quality' in wallScene) && !('attention' in wallScene) && (
            <Scene
              key={wallScene.id}
              spec={wallScene}
              month={month}
              indicators={indicators}
              topology={topology}
              facilities={pack.facilities}
              seat={pack.seat?.unit}
              units={units}
              levels={pack.levels}
            />
          )}
        </div>
      </LiveContext.Provider>
    </LanguageContext.Provider>
  );
}
