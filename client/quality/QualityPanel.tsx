/** Data quality of the units under one: the completeness matrix, the latest reporters and the consistency flags. */
import { Suspense } from 'react';
import type { QualityAnswer } from '../../data/schema/quality.ts';
import { formatNumber } from '../format/format-value.ts';
import { useValueFormat } from '../format/use-value-format.ts';
import { useT } from '../i18n/index.ts';
import { QualityMatrix } from '../lazy-panels.ts';

const FLAGS_SHOWN = 12;

export function QualityPanel(props: { answer: QualityAnswer; indicatorName(code: string): string; onPick?(unitCode: string): void }) {
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
        <ol className="quality-list" data-testid="quality-latest">
          {answer.latest.length === 0 && <li>{t('quality.none')}</li>}
          {answer.latest.map((r) => (
            <li key={r.reporter.code}>
              <span>{r.reporter.name}</span>
              <span className="value">{t('quality.missingLate', { missing: r.missing, late: r.late, days: formatNumber(r.daysLate, language) })}</span>
            </li>
          ))}
        </ol>
      </div>
      <div className="panel chart-panel">
        <h3>
          {t('quality.flags')} <span className="period">{formatNumber(answer.flags.length, language)}</span>
        </h3>
        <ol className="quality-list" data-testid="quality-flags">
          {answer.flags.length === 0 && <li>{t('quality.none')}</li>}
          {answer.flags.slice(0, FLAGS_SHOWN).map((f, i) => (
            <li key={i} className={f.refused ? 'status-below' : 'status-near'}>
              <span>
                {t(`quality.flag.${f.kind}`)} · {props.indicatorName(f.indicator)} · {f.entity} · {f.period}
              </span>
              <span className="value">
                {f.value !== null && formatNumber(f.value, language, Number.isInteger(f.value) ? 0 : 1)}
                {f.against !== null && ` ${t('quality.against', { value: formatNumber(f.against, language, Number.isInteger(f.against) ? 0 : 1) })}`}
                {f.refused && ` · ${t('quality.refused')}`}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}
