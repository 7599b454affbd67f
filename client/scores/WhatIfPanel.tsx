/**
 * What-if: give a unit's indicator another value and see exactly what moves: its component
 * score, its total and every rank that changes. Other components move only through elasticities
 * a leader sets here, each with the source of its coefficient; with none, the panel says that
 * other components are not modelled.
 */
import { useState } from 'react';
import type { ScoresAnswer } from '../../data/schema/scores.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import type { ElasticitySetting, ScoreSettings } from './score-settings.ts';

type Props = {
  answer: ScoresAnswer;
  settings: ScoreSettings;
  onSettings: (next: ScoreSettings) => void;
  /** An indicator's figure in its unit of measure ("75,1%"). */
  format: (indicator: string, value: number | null) => string;
};

function Arrow({ before, after, digits = 1 }: { before: number | null; after: number | null; digits?: number }) {
  const { language } = useT();
  if (before === after) return <>{formatNumber(after, language, digits)}</>;
  return (
    <>
      <span className="muted">{formatNumber(before, language, digits)}</span> → <strong>{formatNumber(after, language, digits)}</strong>
    </>
  );
}

function ElasticityRow({ e, components, onChange, onRemove }: { e: ElasticitySetting; components: string[]; onChange: (e: ElasticitySetting) => void; onRemove: () => void }) {
  const { t } = useT();
  const name = (c: string) => t(`component.${c}` as 'component.information');
  return (
    <li className="elasticity" data-testid="elasticity">
      <select aria-label={t('whatif.from')} value={e.from} onChange={(x) => onChange({ ...e, from: x.target.value })}>
        {components.map((c) => (
          <option key={c} value={c}>
            {name(c)}
          </option>
        ))}
      </select>
      →
      <select aria-label={t('whatif.to')} value={e.to} onChange={(x) => onChange({ ...e, to: x.target.value })}>
        {components.filter((c) => c !== e.from).map((c) => (
          <option key={c} value={c}>
            {name(c)}
          </option>
        ))}
      </select>
      <label>
        {t('whatif.coefficient')} <input type="number" step={0.05} min={-10} max={10} value={e.coefficient} onChange={(x) => onChange({ ...e, coefficient: Number(x.target.value) })} />
      </label>
      <label className="citation">
        {t('whatif.citation')} <input type="text" maxLength={300} value={e.citation} onChange={(x) => onChange({ ...e, citation: x.target.value })} />
      </label>
      {e.citation.trim() === '' && <span className="unsourced">{t('whatif.unsourced')}</span>}
      <button onClick={onRemove}>{t('whatif.remove')}</button>
    </li>
  );
}

export function WhatIfPanel({ answer, settings, onSettings, format }: Props) {
  const { t, language } = useT();
  const indicators = answer.scheme.components.flatMap((c) => c.indicators);
  const units = answer.units.filter((u) => !u.former);
  const [unit, setUnit] = useState(units[0]?.code ?? '');
  const [indicator, setIndicator] = useState(indicators[0]?.indicator ?? '');
  const figureOf = (code: string, ind: string) => units.find((u) => u.code === code)?.components.flatMap((c) => c.indicators).find((i) => i.indicator === ind);
  const now = figureOf(unit, indicator);
  const [value, setValue] = useState('');
  const components = answer.scheme.components.map((c) => c.component);
  const whatIf = answer.whatIf;
  const componentName = (c: string) => t(`component.${c}` as 'component.information');
  const indicatorName = (code: string) => indicators.find((i) => i.indicator === code)?.name[language] ?? code;

  const apply = () => {
    const v = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(v)) return;
    const sets = settings.sets.filter((s) => !(s.unit === unit && s.indicator === indicator));
    onSettings({ ...settings, sets: [...sets, { unit, indicator, value: v }] });
  };
  const setElasticities = (elasticities: ElasticitySetting[]) => onSettings({ ...settings, elasticities });
  const applied = settings.elasticities.filter((e) => e.citation.trim() !== '' && e.coefficient !== 0);
  const moved = whatIf?.units.filter((u) => u.changed || u.before.rank !== u.after.rank) ?? [];

  return (
    <div className="what-if" data-testid="what-if">
      <form
        className="what-if-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label>
          {t('whatif.unit')}
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('whatif.indicator')}
          <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
            {indicators.map((i) => (
              <option key={i.indicator} value={i.indicator}>
                {i.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('whatif.value', { now: format(indicator, now?.value ?? null) })}
          <input type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="what-if-value" />
        </label>
        <button type="submit">{t('whatif.apply')}</button>
      </form>

      {settings.sets.length > 0 && (
        <ul className="what-if-sets">
          {settings.sets.map((s) => (
            <li key={`${s.unit}|${s.indicator}`}>
              {units.find((u) => u.code === s.unit)?.name ?? s.unit} · {indicatorName(s.indicator)}: {format(s.indicator, whatIf?.sets.find((x) => x.unit === s.unit && x.indicator === s.indicator)?.was ?? null)} → <strong>{format(s.indicator, s.value)}</strong>{' '}
              <button onClick={() => onSettings({ ...settings, sets: settings.sets.filter((x) => x !== s) })}>{t('whatif.remove')}</button>
            </li>
          ))}
        </ul>
      )}

      {whatIf && (
        <table className="what-if-result" data-testid="what-if-result">
          <thead>
            <tr>
              <th>{t('scores.unit')}</th>
              {components.map((c) => (
                <th key={c}>{componentName(c)}</th>
              ))}
              <th>{t('scores.total')}</th>
              <th>{t('scores.rank')}</th>
            </tr>
          </thead>
          <tbody>
            {moved.map((u) => (
              <tr key={u.code} data-unit={u.code} data-after-total={u.after.total ?? ''} data-after-rank={u.after.rank ?? ''}>
                <td>{u.name}</td>
                {components.map((c) => (
                  <td key={c} className={u.indirect[c] ? 'indirect' : undefined} title={u.indirect[c] ? t('whatif.indirect', { points: formatNumber(u.indirect[c]!, language, 1) }) : undefined}>
                    <Arrow before={u.before.components[c] ?? null} after={u.after.components[c] ?? null} />
                  </td>
                ))}
                <td>
                  <Arrow before={u.before.total} after={u.after.total} />
                </td>
                <td>
                  <Arrow before={u.before.rank} after={u.after.rank} digits={0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {whatIf && moved.length === 0 && <p>{t('whatif.nothingMoved')}</p>}
      {whatIf ? whatIf.notes.map((n) => <p key={n.en} className="note">{n[language]}</p>) : <p className="note">{t(applied.length === 0 ? 'whatif.notModelled' : 'whatif.throughElasticities')}</p>}

      <h4>{t('whatif.elasticities')}</h4>
      <ul className="elasticities">
        {settings.elasticities.map((e, n) => (
          <ElasticityRow
            key={n}
            e={e}
            components={components}
            onChange={(next) => setElasticities(settings.elasticities.map((x, k) => (k === n ? { ...next, to: next.to === next.from ? components.find((c) => c !== next.from)! : next.to } : x)))}
            onRemove={() => setElasticities(settings.elasticities.filter((_, k) => k !== n))}
          />
        ))}
      </ul>
      <button onClick={() => setElasticities([...settings.elasticities, { from: components[0]!, to: components[1]!, coefficient: 0, citation: '' }])} disabled={components.length < 2}>
        {t('whatif.addElasticity')}
      </button>
      <p className="note muted">{t('whatif.elasticityRule')}</p>
    </div>
  );
}
