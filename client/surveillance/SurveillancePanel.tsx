/**
 * The surveillance scene's weekly panel: the province's cases week by week against the epidemic
 * channel the catalogue declares (GET /api/surveillance), the last week's verdict in words, and
 * how the threshold is computed. Read again whenever a batch lands.
 */
import { Suspense, useCallback, useMemo } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import { periodWords } from '../../data/schema/period.ts';
import type { JudgedWeek, SurveillanceAnswer } from '../../data/schema/surveillance.ts';
import { formatValue } from '../format/format-value.ts';
import { GuideLink } from '../guide/GuideLink.tsx';
import { useT } from '../i18n/index.ts';
import { ChannelChart } from '../lazy-panels.ts';
import { useRefreshed } from '../live/use-refreshed.ts';
import { STATUS_COLOURS } from '../map/classify.ts';
import { INK } from '../print/ink.ts';
import { PRINTING } from '../print/printing.ts';
import { WeekFigures } from '../print/SceneFigures.tsx';
import { Mark } from '../wall/Mark.tsx';

/** Shared with the chart, so the legend and the drawing agree. */
export const CHANNEL_COLOURS = { usual: INK.usual, alert: INK.alert, count: INK.series, above: `rgb(${STATUS_COLOURS.below.join(',')})` };

export function SurveillancePanel(props: { indicator: Indicator; weeks: number }) {
  const { t, language } = useT();
  const request = useMemo(() => ({ indicator: props.indicator.code, level: 'province', weeks: props.weeks }), [props.indicator.code, props.weeks]);
  const answer = useRefreshed<SurveillanceAnswer>('/api/surveillance', request);
  const weeks = answer?.units[0]?.weeks ?? [];
  const last = weeks.at(-1);
  const unit = props.indicator.unit[language];
  const format = useCallback((v: number | null) => formatValue(v, unit, language), [unit, language]);
  const weekLabel = useCallback(
    (w: JudgedWeek, first: boolean) => {
      const words = periodWords({ grain: 'week', start: w.start }, language);
      return first ? words : words.replace(/^\D+(\d+).*$/, '$1');
    },
    [language],
  );
  const rule = answer?.rule;
  return (
    <div className="surveillance-panel" data-testid="surveillance-panel" data-ready={answer ? 'yes' : 'no'}>
      <h3>
        <GuideLink code={props.indicator.code} name={props.indicator.name[language]}>
          {t('surveillance.title', { indicator: props.indicator.short_name[language] })}
        </GuideLink>
        {answer?.demo && <span className="demo-tag"> {t('wall.demo')}</span>}
      </h3>
      {last && (
        <p className={`week-verdict${last.above ? ' above' : ''}`} data-testid="week-verdict" data-above={last.above ? 'yes' : 'no'}>
          {last.above && <Mark shape="up" />} {periodWords({ grain: 'week', start: last.start }, language)}:{' '}
          {t('surveillance.verdict', { count: format(last.count), threshold: format(last.threshold), expected: format(last.expected) })}
          {last.above && <strong> · {t('surveillance.above')}</strong>}
        </p>
      )}
      <Suspense fallback={<div className="chart" />}>
        <ChannelChart weeks={weeks} weekLabel={weekLabel} format={format} />
      </Suspense>
      <ul className="legend channel-legend">
        <li>
          <span className="swatch" style={{ background: CHANNEL_COLOURS.count }} />
          {t('surveillance.count')}
        </li>
        <li>
          <span className="swatch" style={{ background: CHANNEL_COLOURS.usual }} />
          {t('surveillance.usual')}
        </li>
        <li>
          <span className="swatch" style={{ background: CHANNEL_COLOURS.alert }} />
          {t('surveillance.alertZone')}
        </li>
        <li style={{ color: CHANNEL_COLOURS.above }}>
          <Mark shape="up" /> {t('surveillance.above')}
        </li>
      </ul>
      {PRINTING && weeks.length > 0 && <WeekFigures weeks={weeks} count={6} format={format} />}
      {rule && last?.method && (
        <p className="note" data-testid="channel-method">
          {last.method.startsWith('endemic_channel')
            ? t(rule.log ? 'surveillance.method.log' : 'surveillance.method.channel', { k: rule.k, years: rule.years, window: rule.window })
            : t('surveillance.method.ears', { method: last.method.replace('ears_', '').toUpperCase() })}
        </p>
      )}
    </div>
  );
}
