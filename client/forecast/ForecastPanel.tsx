/**
 * Explore's forecast for the unit drilled into (QĐ 828 phase 2, GET /api/forecast): the figures so
 * far and the forecast to the target date with its intervals, and in words the method as the API
 * names it, the chance of meeting the target, how the method fared in the backtest, the target's
 * document and what the reader should know about the data. Read again whenever a batch lands.
 */
import { Suspense } from 'react';
import type { ForecastAnswer } from '../../data/schema/forecast.ts';
import type { Indicator } from '../../data/schema/indicator.ts';
import { periodWords } from '../../data/schema/period.ts';
import { documentNumber } from '../format/citation.ts';
import { formatNumber, formatWithUnit } from '../format/format-value.ts';
import { useValueFormat } from '../format/use-value-format.ts';
import { useT, type Language } from '../i18n/index.ts';
import { ForecastChart } from '../lazy-panels.ts';
import { useLastReady } from '../live/use-last-ready.ts';
import { useReloaded } from '../live/use-refreshed.ts';
import { INK } from '../print/ink.ts';

/** Shared with the chart, so the legend and the drawing agree. */
export const FORECAST_COLOURS = { history: INK.series, mean: INK.series, interval80: INK.interval80, interval95: INK.interval95, target: INK.target };

/** The forecast, or the API's refusal of these figures (400: too few unbroken months, none at all). */
type Outcome = { answer: ForecastAnswer } | { refused: true };

const readForecast = (query: string): Promise<Outcome> =>
  fetch(`/api/forecast?${query}`).then(async (r) => {
    if (r.ok) return { answer: (await r.json()) as ForecastAnswer };
    if (r.status === 400) return { refused: true };
    throw new Error(`/api/forecast: ${r.status}`);
  });

/** A chance in whole percents, never a certainty: the tails of 2,000 simulated paths are not "0%" or "100%". */
export function chanceText(probability: number): string {
  if (probability < 0.01) return '<1%';
  if (probability > 0.99) return '>99%';
  return `${Math.round(probability * 100)}%`;
}

/** A month after "tháng" ("12/2030") or in English words ("December 2030"). */
const monthWords = (month: string, language: Language) =>
  language === 'vi' ? `${Number(month.slice(5, 7))}/${month.slice(0, 4)}` : periodWords({ grain: 'month', start: `${month}-01` }, language);

export function ForecastPanel(props: { indicator: Indicator; unit: { code: string; name: string }; to?: string }) {
  const { t, language } = useT();
  const key = new URLSearchParams({ indicator: props.indicator.code, unit: props.unit.code, ...(props.to ? { to: props.to } : {}) }).toString();
  const outcome = useReloaded(key, readForecast);
  // A drill keeps the forecast it leaves until the next arrives: the panel keeps its size, the map below does not move twice.
  const shown = useLastReady(outcome, outcome !== undefined);
  const unit = props.indicator.unit[language];
  const format = useValueFormat(unit);
  const answer = shown && 'answer' in shown ? shown.answer : null;
  return (
    <section className="panel forecast-panel" data-testid="forecast-panel" data-ready={outcome ? 'yes' : 'no'}>
      {shown && 'refused' in shown && <p className="note">{t('forecast.refused', { unit: props.unit.name })}</p>}
      {answer && (
        <>
          <h3>
            {t('forecast.title', { unit: answer.unit.name, month: monthWords(answer.request.to, language) })}
            {answer.demo && <span className="demo-badge">{t('wall.demo')}</span>}
          </h3>
          <div className="forecast-body">
            <div className="forecast-words">
              <p data-testid="forecast-method">{answer.label[language]}</p>
              {answer.target ? (
                <>
                  {answer.probability !== null && (
                    <p className="forecast-chance" data-testid="forecast-probability">
                      {t('forecast.probability', {
                        target: formatWithUnit(answer.target.value, unit, language),
                        month: monthWords(answer.target.month, language),
                        probability: chanceText(answer.probability),
                      })}
                    </p>
                  )}
                  <p>
                    {t('forecast.document')} <span lang="vi" data-testid="forecast-document">{answer.target.source}</span>
                  </p>
                </>
              ) : (
                <p data-testid="forecast-no-target">{t('forecast.noTarget', { year: answer.request.to.slice(0, 4) })}</p>
              )}
              {answer.backtest.origins > 0 && answer.backtest.mase.model !== null && (
                <p className="note" data-testid="forecast-backtest">
                  {t('forecast.backtest', {
                    origins: answer.backtest.origins,
                    s: answer.backtest.origins === 1 ? '' : 's',
                    model: `ETS(${answer.model.name})`,
                    mase: formatNumber(answer.backtest.mase.model, language, 2),
                    benchmark: t(`forecast.benchmark.${answer.backtest.benchmark}`),
                    reference: formatNumber(answer.backtest.mase[answer.backtest.benchmark === 'naive' ? 'naive' : 'seasonalNaive'], language, 2),
                  })}
                </p>
              )}
              {answer.notes.map((note) => (
                <p key={note.en} className="note" data-testid="forecast-note">
                  {note[language]}
                </p>
              ))}
            </div>
            <div className="forecast-figure">
              <Suspense fallback={<div className="chart" />}>
                <ForecastChart
                  answer={answer}
                  targetLabel={answer.target ? t('forecast.targetLabel', { value: format(answer.target.value), document: documentNumber(answer.target.source) }) : ''}
                  format={format}
                />
              </Suspense>
              <ul className="legend forecast-legend">
                <li>
                  <span className="swatch line" style={{ borderColor: FORECAST_COLOURS.history }} />
                  {t('forecast.history')}
                </li>
                <li>
                  <span className="swatch line dashed" style={{ borderColor: FORECAST_COLOURS.mean }} />
                  {t('forecast.mean')}
                </li>
                <li>
                  <span className="swatch" style={{ background: FORECAST_COLOURS.interval80 }} />
                  {t('forecast.interval80')}
                </li>
                <li>
                  <span className="swatch" style={{ background: FORECAST_COLOURS.interval95 }} />
                  {t('forecast.interval95')}
                </li>
                {answer.target && (
                  <li>
                    <span className="swatch diamond" style={{ background: FORECAST_COLOURS.target }} />
                    {t('forecast.targetMonth')}
                  </li>
                )}
              </ul>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
