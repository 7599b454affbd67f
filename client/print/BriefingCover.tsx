/**
 * The weekly briefing's cover (/briefings/cover?week=2026-W47&print=1, rendered by the server
 * before the scenes): the week in words, the province, how far the figures run, a summary table
 * of the wall's headline indicators for the last complete month (value, target in force with its
 * document, status, change since the previous period and the same period last year, demo marked),
 * the composite score with one what-if and the forecasts to the targets' dates (CoverScores.tsx),
 * what needs attention (listed on the next page), and the pages that follow.
 */
import { useEffect, useMemo, useState } from 'react';
import { documentName } from '../../data/schema/attention.ts';
import type { FigureSources } from '../../data/schema/briefing.ts';
import type { Indicator } from '../../data/schema/indicator.ts';
import { parsePeriod, periodEnd, periodWords } from '../../data/schema/period.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { useAttention } from '../attention/use-attention.ts';
import { describeChange, formatValue } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { SCENES } from '../scenes/scene-specs.ts';
import { Mark } from '../wall/Mark.tsx';
import { CoverScores } from './CoverScores.tsx';
import { StatusCell } from './FigureTable.tsx';
import { useCoverageText } from '../format/coverage-text.ts';
import { PrintBand } from './PrintBand.tsx';
import { SUMMARY_INDICATORS, summaryView } from './summary.ts';

/** The most severe items of the attention list the cover repeats. */
const ATTENTION_ON_COVER = 3;

function ChangeCell(props: { row: RollupRow | undefined; earlier: number | null; indicator: Indicator }) {
  const { t, language } = useT();
  const change = props.row ? describeChange(props.row.value, props.earlier, props.indicator.unit[language], props.indicator.direction, language) : null;
  if (!change) return <td className="change">–</td>;
  return (
    <td className={`change change-${change.tone}`} data-way={change.way} data-tone={change.tone}>
      <Mark shape={change.way} /> {change.way === 'flat' ? t('change.none') : t(`change.${change.measure}`, { amount: change.amount })}
    </td>
  );
}

export function BriefingCover(props: {
  province: { code: string; name: string };
  /** The level the scores rank (the one under the province). */
  areaLevel: string;
  title: string;
  month: string;
  week: string | null;
  timeZone: string;
  indicators: Map<string, Indicator>;
}) {
  const { t, language } = useT();
  const view = useMemo(() => summaryView(props.month), [props.month]);
  const summary = useLiveView(view);
  const coverage = useCoverageText();
  const attention = useAttention();
  const [sources, setSources] = useState<FigureSources | null>(null);
  const from = `${props.month}-01`;
  const to = periodEnd({ grain: 'month', start: from });
  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ indicators: SUMMARY_INDICATORS.join(','), from, to, unit: props.province.code });
    void fetch(`/api/sources?${query}`)
      .then((r) => (r.ok ? (r.json() as Promise<FigureSources>) : Promise.reject(new Error(String(r.status)))))
      .then((s) => current && setSources(s));
    return () => {
      current = false;
    };
  }, [from, to, props.province.code]);

  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const week = props.week ? parsePeriod(props.week) : null;
  const weekWords = week && !('error' in week) && week.grain === 'week' ? periodWords(week, language) : null;
  const monthWords = periodWords({ grain: 'month', start: from }, language);
  // Inside a Vietnamese sentence the month is lower case ("số liệu tháng 11/2026"), as the attention list writes it.
  const monthInText = language === 'vi' ? monthWords.toLowerCase() : monthWords;
  const rows = summary?.answer.rows ?? [];
  const items = attention?.items ?? [];
  const kinds = [...new Set(items.map((i) => i.kind))].map((kind) => ({ kind, count: items.filter((i) => i.kind === kind).length }));
  const asOf = sources?.lastReported ? new Date(`${sources.lastReported}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC' }) : null;
  const demo = rows.some((r) => r.demo);
  const ready = Boolean(summary && attention && sources);
  // The pages after this one: the wall's scenes, in its order.
  const pages = SCENES.map((s, i) => ({ page: i + 2, title: t(s.title) }));

  return (
    <section className="briefing-cover" data-testid="briefing-cover" data-ready={ready ? 'yes' : 'no'}>
      <header className="cover-head">
        <p className="cover-org">{props.title}</p>
        <h1>{t('cover.title')}</h1>
        <p className="cover-week" data-testid="cover-week">
          {weekWords ?? props.week} · {props.province.name}
        </p>
        <p className="cover-when">
          {t('cover.figuresOf', { period: monthInText })} · {asOf ? t('print.dataAsOf', { date: asOf }) : t('wall.noData')} ·{' '}
          {t('cover.madeAt', { time: new Date().toLocaleString(locale, { timeZone: props.timeZone, dateStyle: 'short', timeStyle: 'short' }) })}
          {demo && <span className="demo-badge" title={t('wall.demoNote')}>{t('wall.demo')}</span>}
        </p>
      </header>
      <table className="summary-table" data-testid="summary-table">
        <caption>{t('cover.summary', { period: monthInText })}</caption>
        <thead>
          <tr>
            <th>{t('cover.indicator')}</th>
            <th className="num">{monthWords}</th>
            <th>{t('cover.target')}</th>
            <th>{t('cover.status')}</th>
            <th>{t('cover.previous')}</th>
            <th>{t('cover.lastYear')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {SUMMARY_INDICATORS.map((code) => {
            const indicator = props.indicators.get(code);
            if (!indicator) return null;
            const unit = indicator.unit[language];
            const row = rows.find((r) => r.indicator === code);
            return (
              <tr key={code} data-testid={`summary-${code}`} className={`status-${row?.status ?? 'none'}`}>
                <th scope="row">{indicator.name[language]}</th>
                <td className="num value">
                  {row ? formatValue(row.value, unit, language) : '–'}
                  {unit !== '%' && row?.value !== null && row !== undefined && <span className="unit"> {unit}</span>}
                </td>
                <td className="target">
                  {row?.target ? (
                    <>
                      {formatValue(row.target.value, unit, language)} <span className="document">({documentName(row.target.source)})</span>
                    </>
                  ) : (
                    <span className="none">{t('tile.noTarget')}</span>
                  )}
                </td>
                <td>
                  <StatusCell status={row?.status ?? null} finality={row?.finality} />
                  {/* How many reported, where the figure is not final (the figure pages say who): the cover stays one page. */}
                  {row && row.finality !== 'final' && row.coverage && (
                    <span className="coverage" title={coverage(row) ?? undefined}>
                      {' '}
                      {row.coverage.reported}/{row.coverage.expected}
                    </span>
                  )}
                </td>
                <ChangeCell row={row} earlier={row?.change.previous ?? null} indicator={indicator} />
                <ChangeCell row={row} earlier={row?.change.lastYear ?? null} indicator={indicator} />
                <td>{row?.demo && <span className="demo-tag">{t('cover.demo')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="cover-foot">
        <CoverScores month={props.month} province={props.province.code} areaLevel={props.areaLevel} indicators={props.indicators} headline={SUMMARY_INDICATORS} />
        <section className="cover-attention" data-testid="cover-attention">
          <h2>{t('scene.attention')}</h2>
          <p>
            {items.length === 0
              ? t('attention.none')
              : `${t('cover.attentionCount', { count: items.length })}: ${kinds.map((k) => `${k.count} ${t(`attention.kind.${k.kind}`).toLowerCase()}`).join(' · ')}`}
          </p>
          {/* The most severe first (the list is ranked); the whole list is the next page. */}
          <ul className="cover-attention-top">
            {items.slice(0, ATTENTION_ON_COVER).map((item, i) => (
              <li key={i}>{item.text[language]}</li>
            ))}
          </ul>
        </section>
        <section className="cover-contents">
          <h2>{t('cover.contents')}</h2>
          <ol>
            {pages.map((p) => (
              <li key={p.page}>
                <span className="page">{t('cover.page', { page: p.page })}</span> {p.title}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <PrintBand unit={props.province} period={props.month} indicators={SUMMARY_INDICATORS} from={from} to={to} />
    </section>
  );
}
