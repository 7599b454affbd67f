/**
 * Explore's scores (QĐ 828 phase 2): the unit's own component scores and total, the ranking of
 * the units below it with how sure each rank is, the weights, goalposts and method a leader may
 * change, and what-if. The settings live in the URL (the API's own parameters), so a link keeps
 * them; the server computes every figure (GET /api/scores), the screen only asks and shows.
 */
import { useEffect, useState } from 'react';
import type { UnitNode } from '../explore/explore-state.ts';
import { formatNumber } from '../format/format-value.ts';
import { periodText } from '../format/period-text.ts';
import { useT } from '../i18n/index.ts';
import { NO_SETTINGS, type ScoreSettings } from './score-settings.ts';
import { ScoreBoard } from './ScoreBoard.tsx';
import { useScores } from './use-scores.ts';
import { WeightControls } from './WeightControls.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';

/** How long a slider rests before the server is asked: one request per pause, not per pixel. */
const SETTLE_MS = 150;

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ScoresPanel(props: {
  unit: UnitNode;
  /** The level of the units below (a ranking), or "facility" (none: facilities are not scored). */
  below: string;
  period: string;
  settings: ScoreSettings;
  onSettings: (next: ScoreSettings) => void;
  onPick: (code: string) => void;
  format: (indicator: string, value: number | null) => string;
}) {
  const { t, language } = useT();
  const settings = useSettled(props.settings, SETTLE_MS);
  // What-ifs are set on the units below (the level being ranked): the unit's own score is without them.
  const own = useScores({ level: props.unit.level, ...(props.unit.parentCode ? { parent: props.unit.parentCode } : {}), period: props.period, draws: 0 }, { ...settings, sets: [], elasticities: [] });
  const children = useScores(props.below === 'facility' ? null : { level: props.below, parent: props.unit.code, period: props.period }, settings);
  const ownAnswer = own.answer;
  const childAnswer = props.below === 'facility' ? null : children.answer;
  const mine = ownAnswer?.units.find((u) => u.code === props.unit.code && !u.former);
  const errors = children.errors ?? own.errors;
  const shown = childAnswer ?? ownAnswer;
  const current = own.current && (props.below === 'facility' || children.current);
  const ready = Boolean(ownAnswer) && (props.below === 'facility' || Boolean(childAnswer));

  return (
    <section className="scores-panel" data-testid="scores-panel" data-ready={ready && current ? 'yes' : 'no'}>
      <h3>
        <a className="guide-link" href="/guide?topic=scores" title={t('guide.open', { name: t('scores.title') })} data-testid="guide-link-scores">
          {t('scores.title')}
          <span aria-hidden> ⓘ</span>
        </a>
        <span className="period">{periodText(props.period, language)}</span>
        {shown?.demo && <span className="demo-badge">{t('wall.demo')}</span>}
      </h3>
      {errors && (
        <div role="alert" className="errors">
          <p>{t('scores.refused')}</p>
          {/* The API's own words (English), naming the setting at fault. */}
          <ul lang="en">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {/* A link may hold refused settings before any answer came: the way back is here too. */}
          <button className="reset" onClick={() => props.onSettings(NO_SETTINGS)}>
            {t('scores.reset')}
          </button>
        </div>
      )}
      {mine && (
        <div className="own-scores" data-testid="own-scores" data-total={mine.total ?? ''}>
          <p className="own-total">
            <span className="label">{t('scores.totalOf', { unit: mine.name })}</span> <strong>{formatNumber(mine.total, language, 1)}</strong>
            <span className="muted"> / 100</span>
          </p>
          <ul className="own-components">
            {mine.components.map((c) => (
              <li key={c.component} data-component={c.component} title={c.missing.map((m) => m.message[language]).join('\n') || undefined}>
                <span className="label">{t(`component.${c.component}` as 'component.information')}</span> <strong>{formatNumber(c.score, language, 1)}</strong>
              </li>
            ))}
          </ul>
        </div>
      )}
      {childAnswer && (
        <>
          <ScoreBoard answer={childAnswer} onPick={props.onPick} recomputing={!children.current} />
          {childAnswer.sensitivity && <p className="note muted">{childAnswer.sensitivity.method[language]}</p>}
        </>
      )}
      {shown?.notes.map((n) => (
        <p key={n.en} className="note">
          {n[language]}
        </p>
      ))}
      {shown && (
        <div className="scores-tools">
          <div>
            <h4>{t('scores.weights')}</h4>
            <WeightControls answer={shown} settings={props.settings} onSettings={props.onSettings} />
          </div>
          {childAnswer && (
            <div>
              <h4>{t('whatif.title')}</h4>
              <WhatIfPanel answer={childAnswer} settings={props.settings} onSettings={props.onSettings} format={props.format} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
