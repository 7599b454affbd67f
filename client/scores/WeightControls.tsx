/**
 * What a leader may change in the scoring: each component's weight (and, opened, each indicator's
 * weight and goalposts) and how components are combined. Every change is a new settings value;
 * the screen asks the server again and keeps it in the URL.
 */
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { NO_SETTINGS, type ScoreSettings } from './score-settings.ts';

const MAX_WEIGHT = 5;
const STEP = 0.5;

type SchemeComponent = ScoresAnswer['scheme']['components'][number];
type SchemeIndicator = SchemeComponent['indicators'][number];

function WeightSlider(props: { label: string; weight: number; share: number; onWeight: (w: number) => void; testId: string }) {
  const { language } = useT();
  return (
    <label className="weight" data-testid={props.testId}>
      <span className="weight-name">{props.label}</span>
      <input type="range" min={0} max={MAX_WEIGHT} step={STEP} value={props.weight} onChange={(e) => props.onWeight(Number(e.target.value))} />
      <span className="weight-value">
        {formatNumber(props.weight, language, 1)} · {formatNumber(props.share * 100, language)}%
      </span>
    </label>
  );
}

/** The goalposts of one indicator as number fields: 0 points at the floor, 100 at the target (or min–max). */
function GoalpostFields({ indicator, value, onGoalposts }: { indicator: SchemeIndicator; value: string | undefined; onGoalposts: (spec: string | null) => void }) {
  const { t } = useT();
  const g = indicator.goalposts;
  const lower = indicator.direction === 'lower_is_better';
  const [kind, a, b] = (value ?? '').split(':');
  if (g.type === 'minmax') {
    const min = kind === 'minmax' ? Number(a) : g.min;
    const max = kind === 'minmax' ? Number(b) : g.max;
    return (
      <span className="goalposts">
        <label>
          {t(lower ? 'scores.goalposts.best' : 'scores.goalposts.worst')} <input type="number" value={min} onChange={(e) => onGoalposts(`minmax:${Number(e.target.value)}:${max}`)} />
        </label>
        <label>
          {t(lower ? 'scores.goalposts.worst' : 'scores.goalposts.best')} <input type="number" value={max} onChange={(e) => onGoalposts(`minmax:${min}:${Number(e.target.value)}`)} />
        </label>
      </span>
    );
  }
  const floor = kind === 'target' ? Number(a) : ((lower ? g.max : g.min) ?? 0);
  return (
    <span className="goalposts">
      <label>
        {t('scores.goalposts.worst')} <input type="number" value={floor} onChange={(e) => onGoalposts(`target:${Number(e.target.value)}`)} />
      </label>
      <span className="muted">{t('scores.goalposts.target')}</span>
    </span>
  );
}

export function WeightControls({ answer, settings, onSettings }: { answer: ScoresAnswer; settings: ScoreSettings; onSettings: (next: ScoreSettings) => void }) {
  const { t, language } = useT();
  const { scheme } = answer;
  // A weight back at the scheme's is dropped from the settings, so the URL says only what changed.
  const weigh = (code: string, weight: number, byDefault: number) => {
    const weights = { ...settings.weights, [code]: weight };
    if (weight === byDefault) delete weights[code];
    onSettings({ ...settings, weights });
  };
  const goalposts = (code: string, spec: string | null) => {
    const next = { ...settings.goalposts };
    if (spec === null) delete next[code];
    else next[code] = spec;
    onSettings({ ...settings, goalposts: next });
  };
  // The settings' weights, not the answer's: a slider follows the finger while the answer is on its way.
  const weightOf = (x: { indicator?: string; component?: string; defaultWeight: number }) => settings.weights[x.indicator ?? x.component!] ?? x.defaultWeight;
  const total = scheme.components.reduce((sum, c) => sum + weightOf(c), 0);
  const method = settings.method ?? scheme.defaultMethod;
  const changed = settings.method !== undefined || Object.keys(settings.weights).length > 0 || Object.keys(settings.goalposts).length > 0;
  return (
    <div className="weight-controls" data-testid="weight-controls">
      <div className="method" role="group" aria-label={t('scores.method')}>
        <span>{t('scores.method')}</span>
        {(['arithmetic', 'geometric'] as const).map((m) => (
          <button key={m} aria-pressed={method === m} onClick={() => onSettings({ ...settings, method: m === scheme.defaultMethod ? undefined : m })}>
            {t(`scores.method.${m}`)}
          </button>
        ))}
      </div>
      {scheme.components.map((c) => {
        const within = c.indicators.reduce((sum, i) => sum + weightOf(i), 0);
        return (
          <div key={c.component} className="component-weights">
            <WeightSlider
              testId={`weight-${c.component}`}
              label={t(`component.${c.component}` as 'component.information')}
              weight={weightOf(c)}
              share={total > 0 ? weightOf(c) / total : 0}
              onWeight={(w) => weigh(c.component, w, c.defaultWeight)}
            />
            <details>
              <summary>{t('scores.indicators', { count: c.indicators.length })}</summary>
              {c.indicators.map((i) => (
                <div key={i.indicator} className="indicator-weights">
                  <WeightSlider
                    testId={`weight-${i.indicator}`}
                    label={i.name[language]}
                    weight={weightOf(i)}
                    share={within > 0 ? weightOf(i) / within : 0}
                    onWeight={(w) => weigh(i.indicator, w, i.defaultWeight)}
                  />
                  <GoalpostFields indicator={i} value={settings.goalposts[i.indicator]} onGoalposts={(spec) => goalposts(i.indicator, spec)} />
                </div>
              ))}
            </details>
          </div>
        );
      })}
      <p className="weights-note">{changed ? t('scores.changed') : scheme.weightsNote[language]}</p>
      {changed && (
        <button className="reset" onClick={() => onSettings({ ...NO_SETTINGS, sets: settings.sets, elasticities: settings.elasticities })}>
          {t('scores.reset')}
        </button>
      )}
    </div>
  );
}
