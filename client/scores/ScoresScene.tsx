import type { ReactNode } from 'react';

/**
 * The wall's scores scene (QĐ 828 phase 2): the province's total and component scores, the areas
 * ranked with how sure each rank is, and the forecast of an indicator to its target date. With
 * the scheme's default (equal) weights, which it says; a leader changes them in explore.
 */
import { formatPeriod, periodWords } from '../../data/schema/period.ts';
import { lastCompleteQuarter } from '../scenes/periods.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { NO_SETTINGS } from './score-settings.ts';
import { ScoreBoard } from './ScoreBoard.tsx';
import { useScores } from './use-scores.ts';

export function ScoresScene(props: {
  month: string;
  province: { code: string; name: string };
  /** The level ranked (the pack's level below the province). */
  level: { id: string; plural: string };
  /** The forecast beside the ranking, drawn by the caller (it loads its chart lazily). */
  children?: ReactNode;
}) {
  const { t, language } = useT();
  const quarter = lastCompleteQuarter(props.month);
  const period = formatPeriod(quarter);
  const province = useScores({ level: 'province', period, draws: 0 }, NO_SETTINGS);
  const areas = useScores({ level: props.level.id, parent: props.province.code, period }, NO_SETTINGS);
  const own = province.answer;
  const ranked = areas.answer;
  const mine = own?.units.find((u) => u.code === props.province.code);
  const ready = Boolean(own && ranked);
  return (
    <section className="scene scores-scene" data-testid="scene-scores" data-ready={ready ? 'yes' : 'no'}>
      <h2>
        {t('scene.scores')} <span className="period">{periodWords(quarter, language)}</span>
        {(own?.demo || ranked?.demo) && (
          <span className="demo-badge" title={t('wall.demoNote')}>
            {t('wall.demo')}
          </span>
        )}
      </h2>
      <div className="score-tiles">
        <article className="tile score-tile headline" data-testid="province-score" data-total={mine?.total ?? ''}>
          <h3>{t('scores.provinceTotal')}</h3>
          <p className="tile-value">
            {formatNumber(mine?.total ?? null, language, 1)}
            <span className="tile-unit"> / 100</span>
          </p>
        </article>
        {mine?.components.map((c) => (
          <article key={c.component} className="tile score-tile" data-component={c.component}>
            <h3>{t(`component.${c.component}` as 'component.information')}</h3>
            <p className="tile-value">{formatNumber(c.score, language, 1)}</p>
            <span className="bar" style={{ width: `${c.score ?? 0}%` }} />
          </article>
        ))}
      </div>
      <div className="panel chart-panel scores-ranking">
        <h3>{t('scores.ranking', { level: props.level.plural })}</h3>
        {ranked && <ScoreBoard answer={ranked} />}
        {ranked && <p className="note">{ranked.scheme.weightsNote[language]}</p>}
        {ranked?.sensitivity && <p className="note">{t('scores.surenessShort', { draws: ranked.sensitivity.draws })}</p>}
        {[...(own?.notes ?? []), ...(ranked?.notes ?? [])]
          .filter((n, i, all) => all.findIndex((m) => m.en === n.en) === i)
          .map((n) => (
            <p key={n.en} className="note">
              {n[language]}
            </p>
          ))}
      </div>
      {props.children}
    </section>
  );
}
