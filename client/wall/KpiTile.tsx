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
import { coverageMatters, useCoverageText, useFinalityText } from '../format/coverage-text.ts';

/** The series as a line; a figure that is not final (the last, provisional month) as a hollow point, apart. */
function Sparkline({ rows }: { rows: RollupRow[] }) {
  const values = rows.map((r) => r.value);
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const [lo, hi] = [Math.min(...known), Math.max(...known)];
  const y = (v: number) => 28 - ((v - lo) / (hi - lo || 1)) * 26;
  const x = (i: number) => (i / (values.length - 1)) * 96 + 2;
  const points = rows.map((r, i) => (r.value === null || r.finality !== 'final' ? null : `${x(i)},${y(r.value)}`)).filter(Boolean);
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" vectorEffect="non-scaling-stroke" />
      {rows.map((r, i) =>
        r.value !== null && r.finality !== 'final' ? (
          <line key={i} className="sparkline-pending" data-finality={r.finality} x1={x(i)} x2={x(i)} y1={y(r.value) - 2} y2={y(r.value) + 2} stroke="currentColor" vectorEffect="non-scaling-stroke" />
        ) : null,
      )}
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

/** What a figure is, beside it: provisional or partial (in place of a status), and who reported it. */
function FigureNote({ row, testId }: { row: RollupRow; testId?: string }) {
  const { t } = useT();
  const coverage = useCoverageText();
  const finality = useFinalityText();
  if (!coverageMatters(row)) return null;
  return (
    <p className={`figure-note finality-${row.finality}`} data-testid={testId} data-finality={row.finality}>
      {row.finality !== 'final' && <span className="finality">{t(`finality.${row.finality}`)}</span>}{row.finality !== 'final' && ' '}
      {[row.finality !== 'final' ? finality(row) : null, coverage(row)].filter(Boolean).join(' · ')}
    </p>
  );
}

/**
 * `title` names what the figure is of, in place of the indicator's short name (explore: the unit).
 * `headline`: the period the tile stands for (the wall's last closed month, YYYY-MM-DD); a later
 * row (the month still provisional) is shown under it, marked, never as the headline.
 */
export function KpiTile({ indicator, rows, title, headline }: { indicator: Indicator; rows: RollupRow[]; title?: string; headline?: string }) {
  const { t, language } = useT();
  // The headline: the last figure of a closed period, or a later one that is already final (reported daily: closed sooner).
  const latest = (headline ? rows.filter((r) => r.period.start <= headline || r.finality === 'final') : rows).at(-1);
  const later = latest ? rows.filter((r) => r.period.start > latest.period.start).at(-1) : undefined;
  const unit = indicator.unit[language];
  const change = (earlier: number | null) => (latest ? describeChange(latest.value, earlier, unit, indicator.direction, language) : null);
  const previous = change(latest?.change.previous ?? null);
  const lastYear = change(latest?.change.lastYear ?? null);
  const value = (r: RollupRow) => `${formatValue(r.value, unit, language, indicator)}${unit !== '%' && !levelLabel(indicator, r.value) ? ` ${unit}` : ''}`;
  return (
    <article className={`tile status-${latest?.status ?? 'none'}`} data-testid={`tile-${indicator.code}`} data-value={latest?.value ?? ''} data-finality={latest?.finality ?? ''}>
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
      {latest && <FigureNote row={latest} testId="tile-coverage" />}
      {previous && <ChangeLine change={previous} against="previous" testId="tile-change-previous" />}
      {lastYear && <ChangeLine change={lastYear} against="lastYear" testId="tile-change-last-year" />}
      {later && later.period.grain !== 'range' && (
        <div className="tile-later" data-testid="tile-later" data-finality={later.finality}>
          <p>{t('tile.later', { period: periodWords({ grain: later.period.grain, start: later.period.start }, language), value: value(later) })}</p>
          <FigureNote row={later} />
        </div>
      )}
      <Sparkline rows={rows} />
    </article>
  );
}
