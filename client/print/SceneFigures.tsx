/**
 * A printed scene's figures as tables beside its panels (FigureTable.tsx): the map's units with
 * their value (and rate per population where the map shows one) and status, the ranking's rows,
 * the trend's last months, the IT levels' counts, the epidemic channel's last weeks.
 */
import type { Indicator } from '../../data/schema/indicator.ts';
import { periodWords } from '../../data/schema/period.ts';
import type { JudgedWeek } from '../../data/schema/surveillance.ts';
import { byRank, type RollupRow } from '../../data/schema/view.ts';
import { formatNumber, formatValue } from '../format/format-value.ts';
import type { LevelStep } from '../format/level-steps.ts';
import { useT } from '../i18n/index.ts';
import { perPopulation } from '../map/per-population.ts';
import { StatusLegend } from '../wall/StatusLegend.tsx';
import { FigureTable, monthShort, PeriodTable, StatusCell, type Column } from './FigureTable.tsx';

/** Units listed in one table up to this many; more are split into tables side by side. */
const ROWS_PER_TABLE = 12;
/** A split map table's rows per table (24 communes: three of 8), its status then a shape beside a legend. */
const ROWS_PER_SPLIT = 8;

const byName = (a: RollupRow, b: RollupRow) => a.entity.name.localeCompare(b.entity.name, 'vi');

/** A unit the answer has no figure for. */
const blank = (u: { code: string; name: string }): RollupRow => ({
  indicator: '',
  entity: { code: u.code, name: u.name, facilityKind: null },
  period: { grain: 'range', start: '', end: '', label: '' },
  numerator: null,
  denominator: null,
  value: null,
  facts: 0,
  uncounted: 0,
  distribution: null,
  min: null,
  max: null,
  target: null,
  status: null,
  finality: 'final',
  due: '',
  coverage: null,
  change: { previous: null, lastYear: null },
  rank: null,
  siblings: 0,
  demo: false,
});

/** Every unit the map draws, those without a figure too (a dash), as the map shows them without data. */
export function MapFigures(props: { rows: RollupRow[]; units: { code: string; name: string }[]; indicator: Indicator | undefined; population: Map<string, number | null> }) {
  const { t, language } = useT();
  const unit = props.indicator?.unit[language] ?? '';
  const figures = new Map(props.rows.filter((r) => !r.entity.former).map((r) => [r.entity.code, r]));
  const rows = props.units.map((u) => figures.get(u.code) ?? blank(u)).sort(byName);
  // A count is mapped per population (choropleth.ts): the table gives both.
  const split = rows.length > ROWS_PER_TABLE;
  const statuses = rows.some((r) => r.status);
  const rates = props.indicator?.kind === 'count' ? perPopulation(new Map(rows.map((r) => [r.entity.code, r.value])), props.population) : null;
  const columns: Column<RollupRow>[] = [
    { head: t('table.unit'), cell: (r) => r.entity.name },
    { head: unit === '%' || unit === '' ? t('table.value') : unit, cell: (r) => formatValue(r.value, unit, language), className: 'num' },
    ...(rates ? [{ head: t('table.perPopulation', { per: formatNumber(rates.per, language) }), cell: (r: RollupRow) => formatNumber(rates.values.get(r.entity.code) ?? null, language, 1), className: 'num' }] : []),
    ...(statuses ? [{ head: split ? '' : t('table.status'), cell: (r: RollupRow) => <StatusCell status={r.status} finality={r.finality} short={split} /> }] : []),
  ];
  return (
    <FigureTable
      testId="map-figures"
      columns={columns}
      rows={rows}
      across={split ? Math.ceil(rows.length / ROWS_PER_SPLIT) : 1}
      caption={split && statuses ? <StatusLegend /> : undefined}
    />
  );
}

export function RankingFigures(props: { rows: RollupRow[]; indicator: Indicator | undefined; facilities: boolean }) {
  const { t, language } = useT();
  const unit = props.indicator?.unit[language] ?? '';
  const rows = [...props.rows].sort(byRank);
  const target = rows.find((r) => r.target)?.target;
  const columns: Column<RollupRow>[] = [
    { head: '#', cell: (r) => r.rank, className: 'num' },
    { head: props.facilities ? t('table.facility') : t('table.unit'), cell: (r) => r.entity.name },
    { head: unit === '%' || unit === '' ? t('table.value') : unit, cell: (r) => formatValue(r.value, unit, language), className: 'num' },
    ...(rows.some((r) => r.status) ? [{ head: t('table.status'), cell: (r: RollupRow) => <StatusCell status={r.status} finality={r.finality} /> }] : []),
  ];
  return (
    <FigureTable
      testId="ranking-figures"
      columns={columns}
      rows={rows}
      across={rows.length > ROWS_PER_TABLE ? 2 : 1}
      caption={target ? t('tile.target', { value: formatValue(target.value, unit, language) }) : undefined}
    />
  );
}

/** The trend's last months, across. */
export function TrendFigures(props: { rows: RollupRow[]; indicator: Indicator | undefined; months: number }) {
  const { t, language } = useT();
  const unit = props.indicator?.unit[language] ?? '';
  const rows = props.rows.filter((r) => r.period.grain !== 'range').slice(-props.months);
  const targets = rows.some((r) => r.target);
  return (
    <PeriodTable
      testId="trend-figures"
      heads={rows.map((r) => monthShort(r.period.start, language))}
      rows={[
        { label: unit === '%' || unit === '' ? t('table.value') : unit, cells: rows.map((r) => formatValue(r.value, unit, language)) },
        ...(targets
          ? [
              { label: t('table.target'), cells: rows.map((r) => (r.target ? formatValue(r.target.value, unit, language) : '–')) },
              { label: t('table.status'), cells: rows.map((r) => <StatusCell status={r.status} finality={r.finality} />) },
            ]
          : []),
      ]}
    />
  );
}

/** How many facilities stand at each level, named by its label where it has one. */
export function DistributionFigures(props: { distribution: Record<string, number>; steps: LevelStep[] }) {
  const { t, language } = useT();
  return (
    <PeriodTable
      testId="distribution-figures"
      corner={t('table.level')}
      heads={props.steps.map((s) => s.label ?? String(s.level))}
      rows={[{ label: t('table.facilities'), cells: props.steps.map((s) => formatNumber(props.distribution[String(s.level)] ?? 0, language)) }]}
    />
  );
}

/** The epidemic channel's last weeks: cases, the usual level and the threshold. */
export function WeekFigures(props: { weeks: JudgedWeek[]; count: number; format(value: number | null): string }) {
  const { t, language } = useT();
  const weeks = props.weeks.slice(-props.count);
  const number = (w: JudgedWeek) => periodWords({ grain: 'week', start: w.start }, language).replace(/^\D+(\d+).*$/, '$1');
  return (
    <PeriodTable
      testId="week-figures"
      corner={t('table.week')}
      heads={weeks.map(number)}
      rows={[
        { label: t('table.cases'), cells: weeks.map((w) => <span className={w.above ? 'above' : undefined}>{props.format(w.count)}</span>) },
        { label: t('table.usual'), cells: weeks.map((w) => props.format(w.expected)) },
        { label: t('table.threshold'), cells: weeks.map((w) => props.format(w.threshold)) },
      ]}
    />
  );
}
