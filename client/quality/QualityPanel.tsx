/** Data quality of the units under one: the completeness matrix, the latest reporters and the consistency flags. */
import { Suspense } from 'react';
import type { QualityAnswer, QualityFlag } from '../../data/schema/quality.ts';
import { formatNumber, formatWithUnit } from '../format/format-value.ts';
import { useValueFormat } from '../format/use-value-format.ts';
import { periodText } from '../format/period-text.ts';
import { useT, type Language } from '../i18n/index.ts';
import { QualityMatrix } from '../lazy-panels.ts';
import { FittedList } from './FittedList.tsx';
import { AbbreviationKey } from '../wall/AbbreviationKey.tsx';

/** Laid out at most (the lists show those that fit, and count the rest). */
const FLAGS_LAID_OUT = 30;

/**
 * The figure a flag is about and what it was judged against, in the indicator's unit (money in
 * đồng, rates in %); a numerator over its denominator is two counts.
 */
function flagFigures(f: QualityFlag, unit: string, language: Language): { value: string | null; against: string | null } {
  const measure = f.kind === 'numerator_exceeds_denominator' ? '' : unit;
  return {
    value: f.value === null ? null : formatWithUnit(f.value, measure, language),
    against: f.against === null ? null : formatWithUnit(f.against, measure, language),
  };
}

export function QualityPanel(props: {
  answer: QualityAnswer;
  indicatorName(code: string): string;
  /** The indicator's unit of measure in the language shown ("đồng", "%", "lượt"). */
  indicatorUnit?(code: string): string | undefined;
  onPick?(unitCode: string): void;
}) {
  const { t, language } = useT();
  const percent = useValueFormat('%');
  const { answer } = props;
  return (
    <>
      <div className="panel map-panel">
        <h3>{t('quality.matrix')}</h3>
        <Suspense fallback={<div className="chart" />}>
          <QualityMatrix cells={answer.cells} months={answer.months} format={percent} onPick={props.onPick} />
        </Suspense>
        <p className="note">{t('quality.note')}</p>
      </div>
      <div className="panel chart-panel">
        <h3>{t('quality.latest')}</h3>
        <FittedList
          testId="quality-latest"
          empty={t('quality.none')}
          total={answer.reporters.missingOrLate}
          rows={answer.latest.map((r) => ({
            key: r.reporter.code,
            content: (
              <>
                <span>{r.reporter.name}</span>
                <span className="value">{t('quality.missingLate', { missing: r.missing, late: r.late, days: formatNumber(r.daysLate, language) })}</span>
              </>
            ),
          }))}
        />
        <AbbreviationKey names={answer.latest.map((r) => r.reporter.name)} />
      </div>
      <div className="panel chart-panel">
        <h3>
          {t('quality.flags')} <span className="period">{formatNumber(answer.flags.length, language)}</span>
        </h3>
        <FittedList
          testId="quality-flags"
          empty={t('quality.none')}
          total={answer.flags.length}
          rows={answer.flags.slice(0, FLAGS_LAID_OUT).map((f, i) => {
            const { value, against } = flagFigures(f, props.indicatorUnit?.(f.indicator) ?? '', language);
            return {
              key: String(i),
              className: `quality-flag ${f.refused ? 'status-below' : 'status-near'}`,
              // Two lines: who and what, then why and when; the figure and what it was judged against.
              content: (
                <>
                  <span className="what">
                    <span>
                      {f.name ?? f.entity} · {props.indicatorName(f.indicator)}
                    </span>
                    <span className="why">
                      {t(`quality.flag.${f.kind}`)} · <span className="period">{periodText(f.period, language)}</span>
                      {f.refused && ` · ${t('quality.refused')}`}
                    </span>
                  </span>
                  <span className="value">
                    {value !== null && <span>{value}</span>}
                    {against !== null && <span>{t('quality.against', { value: against })}</span>}
                  </span>
                </>
              ),
            };
          })}
        />
      </div>
    </>
  );
}
