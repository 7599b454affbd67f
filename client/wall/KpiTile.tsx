/**
 * One headline figure: value, its period in words, target and status (colour, shape and word),
 * changes against the previous period and the same period a year before, sparkline.
 */
import { levelLabel, type Indicator } from '../../data/schema/indicator.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { periodWords } from '../../data/schema/period.ts';
import { describeChange, formatValue, type Change } from '../format/format-value.ts';
import { GuideLink } from '../guide/GuideLink.tsx';
import { useT } from '../i18n/index.ts';
import { Mark, STATUS_SHAPES } from './Mark.tsx';

function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const [lo, hi] = [Math.min(...known), Math.max(...known)];
  const y = (v: number) => 28 - ((v - lo) / (hi - lo || 1)) * 26;
  const points = values.map((v, i) => (v === null ? null : `${(i / (values.length - 1)) * 100},${y(v)}`)).filter(Boolean);
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** "▲ 2,3 điểm so với kỳ trước", coloured good or bad by the indicator's direction. */
function ChangeLine({ change, against, testId }: { change: Change; against: 'previous' | 'lastYear'; testId?: string }) {
  const { t } = useT();
  const amount = change.way === 'flat' ? t('change.none') : t(`change.${change.measure}`, { amount: change.amount });
  return (
    <p className={`change change-${change.tone}`} data-testid={testId} data-way={change.way} data-tone={change.tone}>
      <Mark shape={change.way} /> {t(`change.${against}`, { change: amount })}
    </p>
  );
}

/** `title` names what the figure is of, in place of the indicator's short name (explore: the unit). */
export function KpiTile({ indicator, rows, title }: { indicator: Indicator; rows: RollupRow[]; title?: string }) {
  const { t, language } = useT();
  const latest = rows.at(-1);
  const unit = indicator.unit[language];
  const change = (earlier: number | null) => (latest ? describeChange(latest.value, earlier, unit, indicator.direction, language) : null);
  const previous = change(latest?.change.previous ?? null);
  const lastYear = change(latest?.change.lastYear ?? null);
  return (
    <article className={`tile status-${latest?.status ?? 'none'}`} data-testid={`tile-${indicator.code}`} data-value={latest?.value ?? ''}>
      <h3>
        <GuideLink code={indicator.code} name={indicator.name[language]}>
          {title ?? indicator.short_name[language]}
        </GuideLink>
      </h3>
      <p className="tile-value">
        {latest ? formatValue(latest.value, unit, language, indicator) : '–'}
        {/* A level written by its name ("Nâng cao") takes no unit. */}
        {unit !== '%' && latest && !levelLabel(indicator, latest.value) && <span className="tile-unit"> {unit}</span>}
      </p>
      <p className="tile-period">
        {latest && latest.period.grain !== 'range' && periodWords({ grain: latest.period.grain, start: latest.period.start }, language)}
        {rows.some((r) => r.demo) && <span className="demo-badge">{t('wall.demo')}</span>}
      </p>
      <p className="tile-target">
        {latest?.status && (
          <span className={`status status-${latest.status}`} data-testid="tile-status">
            <Mark shape={STATUS_SHAPES[latest.status]} /> {t(`status.${latest.status}`)}
          </span>
        )}
        {latest?.target ? t('tile.target', { value: formatValue(latest.target.value, unit, language, indicator) }) : t('tile.noTarget')}
      </p>
      {previous && <ChangeLine change={previous} against="previous" testId="tile-change-previous" />}
      {lastYear && <ChangeLine change={lastYear} against="lastYear" testId="tile-change-last-year" />}
      <Sparkline values={rows.map((r) => r.value)} />
    </article>
  );
}
