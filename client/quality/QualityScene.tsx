/** The wall's data-quality scene: the province's completeness, timeliness and flags over the last months, by area. */
import { useMemo } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { QualityRequest } from '../../data/schema/quality.ts';
import { formatNumber, formatValue } from '../format/format-value.ts';
import { recentPeriods } from '../explore/explore-state.ts';
import { useT } from '../i18n/index.ts';
import { PrintBand } from '../print/PrintBand.tsx';
import { PRINTING } from '../print/printing.ts';
import { periodEnd } from '../../data/schema/period.ts';
import { periodText } from '../format/period-text.ts';
import { QualityPanel } from './QualityPanel.tsx';
import { useQuality } from './use-quality.ts';

/** How many months the scene looks back over, ending with the last complete one. */
const MONTHS = 6;

export function QualityScene(props: { month: string; province: { code: string; name: string }; indicators: Map<string, Indicator> }) {
  const { t, language } = useT();
  const request = useMemo<QualityRequest>(
    () => ({ level: 'area', from: recentPeriods('month', `${props.month}-01`, MONTHS).at(-1)!, to: props.month }),
    [props.month],
  );
  const answer = useQuality(request);
  const name = (code: string) => props.indicators.get(code)?.short_name[language] ?? code;
  const unit = (code: string) => props.indicators.get(code)?.unit[language];
  const tile = (id: string, label: string, value: string, detail: string, unitWord?: string) => (
    <article className="tile" data-testid={`quality-${id}`}>
      <h3>{label}</h3>
      <p className="tile-value">
        <span className="figure">{value}</span>
        {unitWord && <span className="tile-unit"> {unitWord}</span>}
      </p>
      <p className="tile-target">{detail}</p>
    </article>
  );
  return (
    <section className="scene" data-testid="scene-quality" data-ready={answer ? 'yes' : 'no'}>
      <h2>
        {t('scene.quality')} <span className="period">{`${periodText(request.from, language)} – ${periodText(request.to, language)}`}</span>
        {answer?.demo && (
          <span className="demo-badge" title={t('wall.demoNote')}>
            {t('wall.demo')}
          </span>
        )}
      </h2>
      {answer && (
        <>
          <div className="tiles">
            {tile('completeness', t('quality.completeness'), formatValue(answer.total.completeness, '%', language), t('quality.reports', { received: answer.total.received, expected: answer.total.expected }))}
            {tile('timeliness', t('quality.timeliness'), formatValue(answer.total.timeliness, '%', language), t('quality.reports', { received: answer.total.onTime, expected: answer.total.expected }))}
            {tile('flagged', t('quality.flags'), formatNumber(answer.flags.length, language), answer.flags.length > 0 ? t(`quality.flag.${answer.flags[0]!.kind}`) : t('quality.none'))}
            {/* Over every reporter that owes reports, not the few listed below. */}
            {tile(
              'reporters',
              t('quality.reporters'),
              `${formatNumber(answer.reporters.missingOrLate, language)}/${formatNumber(answer.reporters.owing, language)}`,
              t('quality.reportersMissing', { reporters: answer.reporters.missing, reports: answer.total.expected - answer.total.received }),
              t('quality.reportersUnit'),
            )}
          </div>
          <QualityPanel answer={answer} indicatorName={name} indicatorUnit={unit} />
        </>
      )}
      {PRINTING && (
        <PrintBand
          unit={props.province}
          period={[request.from, request.to]}
          indicators={[...props.indicators.keys()]}
          from={`${request.from}-01`}
          to={periodEnd({ grain: 'month', start: `${request.to}-01` })}
        />
      )}
    </section>
  );
}
