/**
 * The indicator guide: for each indicator what it measures and how it is calculated, from the
 * catalogue, with a live example (the province's figure of the last complete period, with its
 * numerator and denominator, kept current like any view); under ?topic=scores, the guide to the
 * composite score, forecasts and what-if (ScoresGuide.tsx); under ?topic=population, the population
 * figures are per, which source each unit takes and the limits of the list (PopulationGuide.tsx).
 */
import { useMemo, useState } from 'react';
import type { Level, ReportingRule, UnitOverview } from '../../data/schema/pack.ts';
import { COMPONENTS, deadline, exampleGrain, expectedReporters, type Indicator, type Reporter } from '../../data/schema/indicator.ts';
import { formatPeriod, lastCompleted, periodEnd, type Grain } from '../../data/schema/period.ts';
import type { View } from '../../data/schema/view.ts';
import { formatNumber, formatValue } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { PopulationGuide } from './PopulationGuide.tsx';
import { ScoresGuide } from './ScoresGuide.tsx';

/** The last complete period to show an indicator in (as GET /api/indicators/:code/guide does). */
function examplePeriod(indicator: Indicator, month: string): { grain: Grain; period: string } {
  const grain = exampleGrain(indicator);
  return { grain, period: formatPeriod(lastCompleted(grain, periodEnd({ grain: 'month', start: `${month}-01` }))) };
}

type Topic = 'scores' | 'population';
const topicOf = (search: string): Topic | null => {
  const topic = new URLSearchParams(search).get('topic');
  return topic === 'scores' || topic === 'population' ? topic : null;
};

export default function Guide(props: { indicators: Indicator[]; month: string; reporting: ReportingRule; units: UnitOverview[]; levels: Level[] }) {
  const { t, language } = useT();
  const reporters = (list: Reporter[]) => list.map((r) => (r === 'unit' ? t('guide.reporter.unit') : t(`facility.kind.${r}`))).join(', ');
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('indicator') ?? props.indicators[0]!.code);
  const [topic, setTopic] = useState<Topic | null>(() => topicOf(location.search));
  // A topic page reads no indicator example.
  const onTopic = topic !== null;
  const indicator = props.indicators.find((i) => i.code === code) ?? props.indicators[0]!;
  const example = examplePeriod(indicator, props.month);
  const view = useMemo<View | null>(
    () => (onTopic ? null : { indicators: [indicator.code], level: 'province', grain: example.grain, from: example.period, to: example.period }),
    [onTopic, indicator.code, example.grain, example.period],
  );
  const live = useLiveView(view);
  const row = live?.answer.rows[0];
  const unit = indicator.unit[language];
  const choose = (next: string) => {
    history.pushState(null, '', `/guide?indicator=${next}`);
    setCode(next);
    setTopic(null);
  };
  const open = (next: Topic) => {
    history.pushState(null, '', `/guide?topic=${next}`);
    setTopic(next);
  };
  const year = Number(props.month.slice(0, 4));

  return (
    <section className="guide" data-testid="guide" data-indicator={indicator.code} data-ready={onTopic || live ? 'yes' : 'no'}>
      <nav className="guide-index">
        <h2>{t('guide.title')}</h2>
        <button className={topic === 'scores' ? 'current guide-topic' : 'guide-topic'} onClick={() => open('scores')} data-testid="guide-topic-scores">
          {t('guide.scores.nav')}
        </button>
        <button className={topic === 'population' ? 'current guide-topic' : 'guide-topic'} onClick={() => open('population')} data-testid="guide-topic-population">
          {t('guide.population.nav')}
        </button>
        {COMPONENTS.map((component) => (
          <div key={component}>
            <h4>{t(`component.${component}`)}</h4>
            {props.indicators
              .filter((i) => i.component === component)
              .map((i) => (
                <button key={i.code} className={!onTopic && i.code === indicator.code ? 'current' : ''} onClick={() => choose(i.code)}>
                  {i.short_name[language]}
                </button>
              ))}
          </div>
        ))}
      </nav>
      {topic === 'scores' ? (
        <ScoresGuide indicators={props.indicators} />
      ) : topic === 'population' ? (
        <PopulationGuide units={props.units} levels={props.levels} />
      ) : (
        <article className="guide-detail">
          {/* Both names, the reader's language first; the other marked as its language. */}
          <h2 lang={language}>{indicator.name[language]}</h2>
          <p className="guide-en" lang={language === 'vi' ? 'en' : 'vi'}>
            {indicator.name[language === 'vi' ? 'en' : 'vi']}
          </p>
          <dl>
            <dt>{t('guide.component')}</dt>
            <dd>{t(`component.${indicator.component}`)}</dd>
            <dt>{t('guide.definition')}</dt>
            <dd>{indicator.guide.definition[language]}</dd>
            {indicator.guide.numerator && (
              <>
                <dt>{t('guide.numerator')}</dt>
                <dd data-testid="guide-numerator">{indicator.guide.numerator[language]}</dd>
                <dt>{t('guide.denominator')}</dt>
                <dd data-testid="guide-denominator">{indicator.guide.denominator![language]}</dd>
                <dt>{t('guide.factor')}</dt>
                <dd>× {formatNumber(indicator.factor, language)}</dd>
              </>
            )}
            <dt>{t('guide.unitOfMeasure')}</dt>
            <dd>{unit}</dd>
            <dt>{t('guide.overUnits')}</dt>
            <dd data-testid="guide-formula">{t(`guide.kind.${indicator.kind}`, { factor: formatNumber(indicator.factor, language) })}</dd>
            {indicator.kind === 'count' && (
              <>
                <dt>{t('guide.perPopulation')}</dt>
                <dd>
                  {t('guide.perPopulation.text')}{' '}
                  <button className="guide-inline-link" onClick={() => open('population')}>
                    {t('guide.population.nav')}
                  </button>
                </dd>
              </>
            )}
            <dt>{t('guide.overTime')}</dt>
            <dd>{t(indicator.kind === 'ratio' ? `guide.time.${indicator.over_time!}` : `guide.time.${indicator.kind}`)}</dd>
            <dt>{t('guide.source')}</dt>
            <dd>{indicator.source_system[language]}</dd>
            <dt>{t('guide.frequency')}</dt>
            <dd>{t(`grain.${indicator.frequency}`)}</dd>
            <dt>{t('guide.deadline')}</dt>
            <dd>{t('guide.deadlineDays', { days: deadline(indicator, props.reporting).days })} ({deadline(indicator, props.reporting).source[language]})</dd>
            <dt>{t('guide.reporters')}</dt>
            <dd>
              {/* Figures that come from surveys are owed by no one (expected_from: []): who gives them, and how. */}
              {expectedReporters(indicator).length > 0 ? reporters(expectedReporters(indicator)) : t('guide.reporter.survey', { reporters: reporters(indicator.reported_by) })}
            </dd>
            <dt>{t('guide.disaggregation')}</dt>
            <dd>{indicator.guide.disaggregation[language]}</dd>
          </dl>
          <h3>{t('guide.targets')}</h3>
          {indicator.targets.length === 0 ? (
            <p>{t('guide.noTargets')}</p>
          ) : (
            <table className="guide-targets" data-testid="guide-targets">
              <thead>
                <tr>
                  <th>{t('guide.scope')}</th>
                  <th>{t('guide.years')}</th>
                  <th>{t('guide.targets')}</th>
                  <th>{t('guide.document')}</th>
                </tr>
              </thead>
              <tbody>
                {indicator.targets.map((target, i) => (
                  <tr key={i} className={year >= target.from_year && year <= target.to_year ? 'current' : ''}>
                    <td>
                      {'nation' in target.scope
                        ? t('guide.scope.nation')
                        : 'province' in target.scope
                          ? t('guide.scope.province')
                          : 'facility_kind' in target.scope
                            ? t(`facility.kind.${target.scope.facility_kind}`)
                            : target.scope.unit}
                    </td>
                    <td>{target.from_year === target.to_year ? target.from_year : `${target.from_year}–${target.to_year}`}</td>
                    <td>{formatValue(target.value, unit, language)}</td>
                    {/* The document's own words, quoted as it wrote them. */}
                    <td lang="vi">{target.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>
            {t('guide.example', { period: example.period })}
            {row?.demo && <span className="demo-badge">{t('wall.demo')}</span>}
          </h3>
          <p className="guide-example" data-testid="guide-example" data-value={row?.value ?? ''}>
            {!row || row.value === null
              ? t('guide.noExample', { period: example.period })
              : row.numerator !== null && row.denominator !== null
                ? `${formatNumber(row.numerator, language)} ÷ ${formatNumber(row.denominator, language)} × ${formatNumber(indicator.factor, language)} = ${formatValue(row.value, unit, language)}`
                : `${formatValue(row.value, unit, language)}${unit !== '%' ? ` ${unit}` : ''}`}
          </p>
        </article>
      )}
    </section>
  );
}
