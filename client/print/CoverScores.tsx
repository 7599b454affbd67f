/**
 * The briefing cover's phase-2 summary (QĐ 828): the province's composite score of the last
 * complete quarter with the best and worst ranked areas (and how sure those ranks are); one
 * what-if, the lever with most weight for the area ranked last (its indicator furthest from its
 * goal, brought to it: what its total and rank would become); and the chance of meeting each
 * headline target at its date. Every figure is the API's, as the screens show it.
 */
import type { ForecastAnswer } from '../../data/schema/forecast.ts';
import type { Indicator } from '../../data/schema/indicator.ts';
import { formatPeriod, periodWords } from '../../data/schema/period.ts';
import type { ScoresAnswer, ScoredUnit } from '../../data/schema/scores.ts';
import { chanceText } from '../forecast/ForecastPanel.tsx';
import { formatNumber, formatWithUnit } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import { useRefreshed, useReloaded } from '../live/use-refreshed.ts';
import { lastCompleteQuarter } from '../scenes/periods.ts';

/** A what-if for a unit: the indicator whose gap to its goal weighs most in its total, set at its goal. */
export function weakestLever(unit: ScoredUnit): { indicator: string; value: number } | null {
  let best: { indicator: string; value: number; gain: number } | null = null;
  for (const c of unit.components)
    for (const i of c.indicators) {
      if (i.normalised === null || i.goalposts === null || i.share === null || c.share === null) continue;
      const gain = (100 - i.normalised) * i.share * c.share;
      if (gain > 0 && (!best || gain > best.gain)) best = { indicator: i.indicator, value: i.goalposts.best, gain };
    }
  return best && { indicator: best.indicator, value: best.value };
}

const score = (n: number | null, language: 'vi' | 'en') => formatNumber(n, language, 1);

// A forecast the API refuses (too few unbroken months) is left off the cover, not waited for.
const readForecast = (query: string) =>
  fetch(`/api/forecast?${query}`).then((r) => (r.ok ? (r.json() as Promise<ForecastAnswer>) : r.status === 400 ? null : Promise.reject(new Error(`/api/forecast: ${r.status}`))));

function Forecast({ indicator, unit }: { indicator: Indicator; unit: string }) {
  const { t, language } = useT();
  const answer = useReloaded(new URLSearchParams({ indicator: indicator.code, unit }).toString(), readForecast);
  if (answer === undefined) return <li data-ready="no" />;
  const last = answer?.forecast.at(-1);
  if (!answer || !last || !answer.target || answer.probability === null) return null;
  const u = indicator.unit[language];
  return (
    <li data-testid={`cover-forecast-${indicator.code}`}>
      {t('cover.forecast', {
        indicator: indicator.short_name[language],
        // Inside a sentence: "tháng 12/2030", lower case in Vietnamese.
        month: language === 'vi' ? periodWords({ grain: 'month', start: `${answer.request.to}-01` }, language).toLowerCase() : periodWords({ grain: 'month', start: `${answer.request.to}-01` }, language),
        mean: formatWithUnit(last.mean, u, language),
        lo: formatWithUnit(last.lo95, u, language),
        hi: formatWithUnit(last.hi95, u, language),
        target: formatWithUnit(answer.target.value, u, language),
        chance: chanceText(answer.probability),
      })}{' '}
      <span className="muted">({answer.label[language]})</span>
    </li>
  );
}

export function CoverScores(props: { month: string; province: string; areaLevel: string; indicators: Map<string, Indicator>; headline: string[] }) {
  const { t, language } = useT();
  const quarter = lastCompleteQuarter(props.month);
  const period = formatPeriod(quarter);
  const own = useRefreshed<ScoresAnswer>('/api/scores', { level: 'province', period, draws: 0 });
  const areas = useRefreshed<ScoresAnswer>('/api/scores', { level: props.areaLevel, parent: props.province, period });
  const ranked = [...(areas?.units ?? [])].filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const first = ranked[0];
  const last = ranked.at(-1);
  const lever = last ? weakestLever(last) : null;
  const whatIf = useRefreshed<ScoresAnswer>(
    '/api/scores',
    lever && last ? { level: props.areaLevel, parent: props.province, period, draws: 0, set: `${lever.indicator}:${last.code}:${lever.value}` } : null,
  );
  const moved = whatIf?.whatIf?.units.find((u) => u.code === last?.code);
  const leverIndicator = lever ? props.indicators.get(lever.indicator) : undefined;
  const year = Number(props.month.slice(0, 4));
  // Headline indicators with a target still ahead: the forecast says how likely it is met.
  const ahead = props.headline.map((code) => props.indicators.get(code)!).filter((i) => i && i.targets.some((target) => target.to_year > year));
  const total = own?.units[0]?.total ?? null;
  const interval = (u: ScoredUnit) => (u.rankInterval ? t('cover.rankInterval', { lo: u.rankInterval[0], hi: u.rankInterval[1] }) : '');
  const ready = Boolean(own && areas && (!lever || whatIf));
  return (
    <section className="cover-scores" data-testid="cover-scores" data-ready={ready ? 'yes' : 'no'}>
      <h2>{t('cover.scores', { period: periodWords(quarter, language) })}</h2>
      {own && areas && (
        <p data-testid="cover-score">
          {t('cover.scoreLine', { total: score(total, language) })}
          {first && last && first !== last && (
            <>
              {' '}
              {t('cover.scoreRange', { best: first.name, bestTotal: score(first.total, language), worst: last.name, worstTotal: score(last.total, language), rank: last.rank!, interval: interval(last) })}
            </>
          )}{' '}
          <span className="muted">{areas.scheme.weightsNote[language]}</span>
        </p>
      )}
      {moved && last && lever && leverIndicator && (
        <p data-testid="cover-what-if">
          {t('cover.whatIf', {
            unit: last.name,
            indicator: leverIndicator.short_name[language],
            value: formatWithUnit(lever.value, leverIndicator.unit[language], language),
            before: score(moved.before.total, language),
            after: score(moved.after.total, language),
            rankBefore: moved.before.rank ?? '–',
            rankAfter: moved.after.rank ?? '–',
          })}{' '}
          <span className="muted">{t('whatif.notModelled')}</span>
        </p>
      )}
      {ahead.length > 0 && (
        <ul className="cover-forecasts">
          {ahead.map((i) => (
            <Forecast key={i.code} indicator={i} unit={props.province} />
          ))}
        </ul>
      )}
    </section>
  );
}
