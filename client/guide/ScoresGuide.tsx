/**
 * The guide to the composite score, its sensitivity, forecasts and what-if (QĐ 828 phase 2: each
 * method with its formula in the guide): every formula written out, then a worked example on one
 * unit, read live from GET /api/scores and recomputed step by step in the browser
 * (score-steps.ts), each figure said to be real (with its document) or demo.
 */
import { Fragment, useMemo } from 'react';
import type { FigureSources } from '../../data/schema/briefing.ts';
import type { Indicator } from '../../data/schema/indicator.ts';
import { otherAggregation, type ScoresAnswer } from '../../data/schema/scores.ts';
import type { View } from '../../data/schema/view.ts';
import { formatNumber } from '../format/format-value.ts';
import { periodText } from '../format/period-text.ts';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { getJson, useReloaded } from '../live/use-refreshed.ts';
import { NO_SETTINGS } from '../scores/score-settings.ts';
import { useScores } from '../scores/use-scores.ts';
import { exampleUnit, workedExample, type ComponentStep, type DemoFlags, type IndicatorStep, type TotalStep } from './score-steps.ts';

// The level and half-year of the bundled real report (BC-SYT-NT-2024H1, whose tables give figures
// per area), so that the example is worked on real figures where the pack has them; ?level= and
// ?period= choose another.
const EXAMPLE = { level: 'area', period: '2024-H1' };

/** Where each indicator's figures of a unit come from, by indicator (GET /api/sources, one indicator at a time). */
async function readSources(key: string): Promise<Map<string, string[]>> {
  const query = new URLSearchParams(key);
  const documents = new Map<string, string[]>();
  // One after another: the server queues a client's heavy reads, and these are small.
  for (const indicator of query.get('indicators')!.split(',')) {
    const search = new URLSearchParams({ indicators: indicator, from: query.get('from')!, to: query.get('to')!, unit: query.get('unit')! });
    const answer = await getJson<FigureSources>(`/api/sources?${search}`);
    documents.set(indicator, answer.sources.flatMap((s) => (s.document === null ? [] : [s.document])));
  }
  return documents;
}

export function ScoresGuide(props: { indicators: Indicator[] }) {
  const { t, language } = useT();
  const params = new URLSearchParams(location.search);
  const level = params.get('level') ?? EXAMPLE.level;
  const period = params.get('period') ?? EXAMPLE.period;
  const primary = useScores({ level, period }, NO_SETTINGS);
  const { answer, errors } = primary;
  // The same request by the other method, for the total both ways (no draws: the sensitivity is the first answer's).
  const secondary = useScores(answer ? { level, period, draws: 0 } : null, { ...NO_SETTINGS, method: otherAggregation(answer?.scheme.method ?? 'arithmetic') });
  const other = secondary.answer;

  // Which figures are demo, per unit and indicator: the rollup's rows of the same level and period.
  const view = useMemo<View | null>(
    () =>
      answer && {
        indicators: answer.scheme.components.flatMap((c) => c.indicators.map((i) => i.indicator)),
        level,
        grain: answer.period.grain,
        from: answer.request.period,
        to: answer.request.period,
      },
    [answer, level],
  );
  const live = useLiveView(view);
  const flags = useMemo<DemoFlags | null>(() => {
    if (!live) return null;
    const byUnit: DemoFlags = new Map();
    for (const row of live.answer.rows) byUnit.set(row.entity.code, (byUnit.get(row.entity.code) ?? new Map()).set(row.indicator, row.demo));
    return byUnit;
  }, [live]);

  const code = answer && flags ? exampleUnit(answer, flags) : null;
  const factors = useMemo(() => new Map(props.indicators.map((i) => [i.code, i.factor])), [props.indicators]);
  const example = useMemo(() => (code && answer && other ? workedExample(code, [answer, other], (i) => factors.get(i) ?? 1) : null), [code, answer, other, factors]);
  const present = example?.components.flatMap((c) => c.indicators) ?? [];
  const isDemo = (indicator: string) => flags?.get(code ?? '')?.get(indicator) !== false;
  const real = present.filter((i) => !isDemo(i.indicator)).map((i) => i.indicator);
  const sourcesKey = answer && code && real.length > 0 ? new URLSearchParams({ unit: code, from: answer.period.start, to: answer.period.end, indicators: real.join(',') }).toString() : null;
  const documents = useReloaded(sourcesKey, readSources);

  const ready = Boolean(errors) || (answer !== null && (code === null || (example !== null && (sourcesKey === null || documents !== undefined))));
  const n2 = (x: number) => formatNumber(x, language, 2);
  const plain = (x: number) => formatNumber(x, language, Number.isInteger(x) ? 0 : 2);
  const method = (m: string) => t(m === 'geometric' ? 'guide.scores.method.geometric' : 'guide.scores.method.arithmetic');

  return (
    <article className="guide-detail guide-scores" data-testid="scores-guide" data-ready={ready ? 'yes' : 'no'} data-unit={code ?? ''} data-period={period}>
      <h2>{t('guide.scores.nav')}</h2>
      <p>{t('guide.scores.intro')}</p>
      {answer && (
        <p>
          {t('guide.scores.scheme', { name: answer.scheme.name[language] })} {answer.scheme.weightsNote[language]}
        </p>
      )}

      <h3>{t('guide.scores.values.title')}</h3>
      <p>{t('guide.scores.values.text')}</p>

      <h3>{t('guide.scores.normalise.title')}</h3>
      <ul className="guide-scores-formulas">
        <li>{t('guide.scores.normalise.higher')}</li>
        <li>{t('guide.scores.normalise.lower')}</li>
      </ul>
      <p>{t('guide.scores.normalise.cap')}</p>
      <p>{t('guide.scores.normalise.target')}</p>
      <p>{t('guide.scores.normalise.minmax')}</p>

      <h3>{t('guide.scores.component.title')}</h3>
      <ul className="guide-scores-formulas">
        <li>{t('guide.scores.component.formula')}</li>
      </ul>
      <p>{t('guide.scores.component.missing')}</p>

      <h3>{t('guide.scores.total.title')}</h3>
      <ul className="guide-scores-formulas">
        <li>{t('guide.scores.total.shares')}</li>
        <li>{t('guide.scores.total.arithmetic')}</li>
        <li>{t('guide.scores.total.geometric')}</li>
      </ul>
      {answer && <p>{t('guide.scores.total.default', { method: method(answer.scheme.defaultMethod) })}</p>}
      <p>{t('guide.scores.total.rank')}</p>

      {errors && (
        <p role="alert" lang="en">
          {errors.join('; ')}
        </p>
      )}
      {answer && (
        <section className="guide-scores-example" data-testid="scores-example">
          <h3>
            {example ? t('guide.scores.example.title', { unit: example.unit.name, period: periodText(period, language) }) : t('guide.scores.example.heading', { period: periodText(period, language) })}
            {example && real.length < present.length && <span className="demo-badge">{t('wall.demo')}</span>}
          </h3>
          {code === null && ready && <p>{t('guide.scores.noExample', { period: periodText(period, language) })}</p>}
          {example && (
            <>
              <p>{t('guide.scores.example.choice')}</p>
              <p data-testid="scores-real">
                {t('guide.scores.example.real', { count: real.length, total: present.length })}
                {documents && (
                  <>
                    {' '}
                    <span lang="vi">{[...new Set([...documents.values()].flat())].join('; ')}</span>
                  </>
                )}
              </p>
              {real.length < present.length && <p>{t('guide.scores.example.demo')}</p>}
              <table className="guide-targets guide-scores-table">
                <thead>
                  <tr>
                    <th>{t('guide.scores.col.indicator')}</th>
                    <th>{t('guide.scores.col.value')}</th>
                    <th>{t('guide.scores.col.posts')}</th>
                    <th>{t('guide.scores.col.normalised')}</th>
                    <th>{t('guide.scores.col.weight')}</th>
                  </tr>
                </thead>
                <tbody>
                  {example.components.map((c) => (
                    <ComponentRows key={c.component} step={c} isDemo={isDemo} documents={documents} indicators={props.indicators} n2={n2} plain={plain} />
                  ))}
                </tbody>
              </table>
              {example.totals.map((total) => (
                <TotalLine key={total.method} step={total} components={example.components} count={(total.method === answer.scheme.method ? answer : other!).units.filter((u) => u.rank !== null).length} defaultMethod={answer.scheme.defaultMethod} n2={n2} plain={plain} />
              ))}
              {answer.notes.map((note, i) => (
                <p key={i} className="guide-scores-note">
                  {note[language]}
                </p>
              ))}
              <h4>{t('guide.scores.ranking')}</h4>
              <table className="guide-targets guide-scores-ranking" data-testid="scores-ranking">
                <thead>
                  <tr>
                    <th>{t('guide.scores.col.unit')}</th>
                    {[answer, other!].map((a) => (
                      <Fragment key={a.scheme.method}>
                        <th>{t(a.scheme.method === 'geometric' ? 'guide.scores.col.geometric' : 'guide.scores.col.arithmetic')}</th>
                        <th>{t('guide.scores.col.rank')}</th>
                      </Fragment>
                    ))}
                    {answer.sensitivity && (
                      <>
                        <th>{t('guide.scores.col.median')}</th>
                        <th>{t('guide.scores.col.interval')}</th>
                      </>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {[...answer.units]
                    .filter((u) => u.rank !== null)
                    .sort((a, b) => a.rank! - b.rank!)
                    .map((u) => (
                      <tr key={u.code} data-unit={u.code} className={u.code === code ? 'current' : ''}>
                        <td>{u.name}</td>
                        {[answer, other!].map((a) => {
                          const scored = a.units.find((x) => x.code === u.code);
                          return (
                            <Fragment key={a.scheme.method}>
                              <td data-step={`total-${a.scheme.method}`}>{scored?.total == null ? '–' : n2(scored.total)}</td>
                              <td data-step={`rank-${a.scheme.method}`}>{scored?.rank ?? '–'}</td>
                            </Fragment>
                          );
                        })}
                        {answer.sensitivity && (
                          <>
                            <td data-step="median">{u.medianRank ?? '–'}</td>
                            <td data-step="interval">{u.rankInterval ? `${u.rankInterval[0]}–${u.rankInterval[1]}` : '–'}</td>
                          </>
                        )}
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}

      <h3>{t('guide.scores.sensitivity.title')}</h3>
      <p>{t('guide.scores.sensitivity.text')}</p>
      {answer?.sensitivity && (
        <p data-testid="scores-sensitivity">
          {t('guide.scores.sensitivity.here', {
            draws: answer.sensitivity.draws,
            concentration: answer.sensitivity.concentration,
            otherShare: Math.round(answer.sensitivity.otherMethodShare * 100),
            other: method(otherAggregation(answer.scheme.method)),
            seed: String(answer.sensitivity.seed),
          })}{' '}
          {answer.scheme.equalByDefault && !answer.scheme.changed && <EqualSpread components={answer.scheme.components.length} concentration={answer.sensitivity.concentration} />}
          {example?.unit.medianRank != null &&
            example.unit.rankInterval &&
            t('guide.scores.sensitivity.unit', {
              unit: example.unit.name,
              rank: example.unit.rank!,
              median: example.unit.medianRank,
              low: example.unit.rankInterval[0],
              high: example.unit.rankInterval[1],
            })}
        </p>
      )}
      <p>{t('guide.scores.sensitivity.read')}</p>

      <h3>{t('guide.scores.forecast.title')}</h3>
      <p>{t('guide.scores.forecast.data')}</p>
      <p>{t('guide.scores.forecast.models')}</p>
      <p>{t('guide.scores.forecast.backtest')}</p>
      <p>{t('guide.scores.forecast.intervals')}</p>
      <p>{t('guide.scores.forecast.probability')}</p>
      <p>{t('guide.scores.forecast.caveat')}</p>

      <h3>{t('guide.scores.whatif.title')}</h3>
      <p>{t('guide.scores.whatif.set')}</p>
      <p>{t('guide.scores.whatif.elasticity')}</p>
      <p>{t('guide.scores.whatif.association')}</p>
      <p className="guide-scores-note">{t('guide.scores.whatif.api')}</p>
    </article>
  );
}

/** How far a weight wanders in the draws: with K equal components each share w = 1/K has SD √(w(1 − w) ÷ (c + 1)). */
function EqualSpread(props: { components: number; concentration: number }) {
  const { t, language } = useT();
  const w = 1 / props.components;
  const sd = Math.sqrt((w * (1 - w)) / (props.concentration + 1));
  return <>{t('guide.scores.sensitivity.sd', { components: props.components, share: formatNumber(w, language, 2), sd: formatNumber(sd, language, 3) })} </>;
}

/** A figure the page computed, shown with the server's beside it when the two differ at display precision. */
function Checked(props: { step: string; computed: number; served: number; digits: number }) {
  const { t, language } = useT();
  const shown = formatNumber(props.computed, language, props.digits);
  const served = formatNumber(props.served, language, props.digits);
  return (
    <>
      <span data-step={props.step}>{shown}</span>
      {shown !== served && <span className="guide-scores-mismatch"> ({t('guide.scores.mismatch', { value: served })})</span>}
    </>
  );
}

interface Formatters {
  n2: (x: number) => string;
  plain: (x: number) => string;
}

function ComponentRows(props: Formatters & { step: ComponentStep; isDemo: (indicator: string) => boolean; documents: Map<string, string[]> | undefined; indicators: Indicator[] }) {
  const { t, language } = useT();
  const { step: c, n2, plain } = props;
  const parts = c.indicators.filter((i) => i.weight > 0);
  return (
    <>
      <tr className="guide-scores-component-head">
        <th colSpan={5}>
          {c.name[language]}
          <span className="guide-scores-note">
            {' · '}
            {t('guide.scores.col.weight')} {plain(c.weight)}
          </span>
        </th>
      </tr>
      {c.indicators.map((i) => (
        <IndicatorRow key={i.indicator} step={i} demo={props.isDemo(i.indicator)} documents={props.documents?.get(i.indicator)} n2={n2} plain={plain} />
      ))}
      {c.missing.map((m) => (
        <tr key={m.indicator} className="guide-scores-missing" data-indicator={m.indicator} data-missing={m.reason}>
          <td>{props.indicators.find((i) => i.code === m.indicator)?.short_name[language] ?? m.indicator}</td>
          <td colSpan={4}>{m.message[language]}</td>
        </tr>
      ))}
      <tr className="guide-scores-component" data-component={c.component}>
        <td colSpan={5}>
          {c.computed === null || c.score === null ? (
            t('guide.scores.componentMissing')
          ) : (
            <>
              {t('guide.scores.componentScore')}: C = ({parts.map((i) => `${plain(i.weight)} × ${n2(i.computed)}`).join(' + ')}) ÷ {plain(parts.reduce((s, i) => s + i.weight, 0))} ={' '}
              <Checked step="component" computed={c.computed} served={c.score} digits={2} />
            </>
          )}
        </td>
      </tr>
    </>
  );
}

function IndicatorRow(props: Formatters & { step: IndicatorStep; demo: boolean; documents: string[] | undefined }) {
  const { t, language } = useT();
  const { step: i, n2, plain } = props;
  return (
    <tr data-indicator={i.indicator} data-demo={props.demo ? 'yes' : 'no'}>
      <td>
        {i.name[language]}
        <span className="guide-scores-source">
          {props.demo ? <span className="demo-badge">{t('guide.scores.demo')}</span> : <span lang="vi">{props.documents?.join('; ')}</span>}
        </span>
      </td>
      <td className="guide-scores-formula">
        {i.numerator !== null && i.denominator !== null ? (
          <>
            <span data-step="numerator">{plain(i.numerator)}</span> ÷ <span data-step="denominator">{plain(i.denominator)}</span> × {plain(i.factor)} ={' '}
            <Checked step="value" computed={i.computedValue} served={i.value} digits={2} />
          </>
        ) : (
          <>
            <Checked step="value" computed={i.computedValue} served={i.value} digits={2} /> <span className="guide-scores-note">({t('guide.scores.noCounts')})</span>
          </>
        )}
      </td>
      <td className="guide-scores-formula">
        <span data-step="worst">{plain(i.worst)}</span> → <span data-step="best">{plain(i.best)}</span>
        <span className="guide-scores-note">
          {t(`guide.scores.posts.${i.from}`)}
          {i.from === 'target' && i.target && (
            <>
              : <span lang="vi">{i.target.source}</span>
            </>
          )}
        </span>
      </td>
      <td className="guide-scores-formula">
        100 × ({n2(i.computedValue)} − {plain(i.worst)}) ÷ ({plain(i.best)} − {plain(i.worst)}) = {i.computed !== i.scaled && `${n2(i.scaled)} → `}
        <Checked step="normalised" computed={i.computed} served={i.normalised} digits={2} />
      </td>
      <td>{plain(i.weight)}</td>
    </tr>
  );
}

function TotalLine(props: Formatters & { step: TotalStep; components: ComponentStep[]; count: number; defaultMethod: ScoresAnswer['scheme']['defaultMethod'] }) {
  const { t } = useT();
  const { step, n2, plain } = props;
  const parts = props.components.filter((c) => c.computed !== null && c.weight > 0);
  const sum = plain(parts.reduce((s, c) => s + c.weight, 0));
  return (
    <p className="guide-scores-total guide-scores-formula" data-total={step.method}>
      <strong>
        {t('guide.scores.totalScore', { method: t(step.method === 'geometric' ? 'guide.scores.method.geometric' : 'guide.scores.method.arithmetic') })}
        {step.method === props.defaultMethod && ` ${t('guide.scores.default')}`}
      </strong>
      {': T = '}
      {step.method === 'geometric' ? (
        <>
          (
          {parts.map((c, k) => (
            <Fragment key={c.component}>
              {k > 0 && ' × '}
              {n2(c.computed!)}
              <sup>{plain(c.weight)}</sup>
            </Fragment>
          ))}
          )<sup>1 ÷ {sum}</sup>
        </>
      ) : (
        `(${parts.map((c) => `${plain(c.weight)} × ${n2(c.computed!)}`).join(' + ')}) ÷ ${sum}`
      )}{' '}
      = <Checked step="total" computed={step.computed} served={step.total} digits={2} />
      {' · '}
      {t('guide.scores.col.rank')} <Checked step="rank" computed={step.computedRank} served={step.rank} digits={0} />/{props.count}
    </p>
  );
}
