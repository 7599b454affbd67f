/** One headline figure: value, target and attainment colour, change against the previous month, sparkline. */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { formatChange, formatValue } from '../format/format-value.ts';
import { GuideLink } from '../guide/GuideLink.tsx';
import { useT } from '../i18n/index.ts';

function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const [lo, hi] = [Math.min(...known), Math.max(...known)];
  const y = (v: number) => 28 - ((v - lo) / (hi - lo || 1)) * 26;
  const points = values.map((v, i) => (v === null ? null : `${(i / (values.length - 1)) * 100},${y(v)}`)).filter(Boolean);
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

export function KpiTile({ indicator, rows }: { indicator: Indicator; rows: RollupRow[] }) {
  const { t, language } = useT();
  const latest = rows.at(-1);
  const unit = indicator.unit[language];
  return (
    <article className={`tile status-${latest?.status ?? 'none'}`} data-testid={`tile-${indicator.code}`} data-value={latest?.value ?? ''}>
      <h3>
        <GuideLink code={indicator.code} name={indicator.name[language]}>
          {indicator.short_name[language]}
        </GuideLink>
      </h3>
      <p className="tile-value">
        {latest ? formatValue(latest.value, unit, language) : '–'}
        {unit !== '%' && latest && <span className="tile-unit"> {unit}</span>}
      </p>
      <p className="tile-target">
        {latest?.target ? t('tile.target', { value: formatValue(latest.target.value, unit, language) }) : t('tile.noTarget')}
        {latest?.status && <span className="tile-status"> · {t(`status.${latest.status}`)}</span>}
      </p>
      {latest && formatChange(latest.value, latest.change.previous, unit, language) && (
        <p className="tile-change">{t('tile.vsPrevious', { change: formatChange(latest.value, latest.change.previous, unit, language)! })}</p>
      )}
      <Sparkline values={rows.map((r) => r.value)} />
      {rows.some((r) => r.demo) && <span className="demo-badge">{t('wall.demo')}</span>}
    </article>
  );
}
