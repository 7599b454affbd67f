/**
 * The ranking of a scores answer: each unit's total and component scores, and beside the rank how
 * sure it is (the median rank over the sensitivity draws and its 5–95% interval, drawn on the
 * 1…N axis of ranks). A missing score is a dash with its reason, never a silent zero.
 */
import type { Missing, ScoredUnit, ScoresAnswer } from '../../data/schema/scores.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';

/** A score on its 0–100 scale: the figure over a bar as long as the score. */
function ScoreCell({ score, title, component }: { score: number | null; title?: string; component?: string }) {
  const { language } = useT();
  return (
    <td className={component ? 'score component-score' : 'score total'} title={title} data-component={component}>
      <span className="figure">{formatNumber(score, language, 1)}</span>
      <span className="bar" style={{ width: `${score ?? 0}%` }} />
    </td>
  );
}

function RankInterval({ unit, count }: { unit: ScoredUnit; count: number }) {
  const { t, language } = useT();
  if (!unit.rankInterval || unit.medianRank == null) return <span className="muted">–</span>;
  const [lo, hi] = unit.rankInterval;
  // Rank 1 at the left; one step per rank, a little margin so the ends' dots are whole.
  const x = (rank: number) => 4 + ((rank - 1) / Math.max(1, count - 1)) * 92;
  return (
    <span className="rank-interval" title={t('scores.rankInterval', { median: unit.medianRank, lo, hi })}>
      <span className="rank-interval-text">
        {formatNumber(unit.medianRank, language)} <span className="muted">({lo === hi ? formatNumber(lo, language) : `${formatNumber(lo, language)}–${formatNumber(hi, language)}`})</span>
      </span>
      <svg viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden>
        <line x1="4" x2="96" y1="10" y2="10" className="axis" vectorEffect="non-scaling-stroke" />
        <line x1={x(lo)} x2={x(hi)} y1="10" y2="10" className="range" vectorEffect="non-scaling-stroke" />
        <circle cx={x(unit.medianRank)} cy="10" r="5" />
      </svg>
    </span>
  );
}

const reasons = (missing: Missing[], language: 'vi' | 'en') => missing.map((m) => m.message[language]).join('\n');

/** What one unit lacks that the others may have; an indicator no unit can have in this period or level is in the answer's notes instead. */
const gaps = (unit: ScoredUnit) => unit.components.flatMap((c) => c.missing).filter((m) => m.reason !== 'not_in_grain' && m.reason !== 'not_at_level');

export function ScoreBoard({ answer, onPick, recomputing }: { answer: ScoresAnswer; onPick?: (code: string) => void; recomputing?: boolean }) {
  const { t, language } = useT();
  const units = [...answer.units].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const sure = answer.sensitivity !== null;
  return (
    <table className="score-board" data-testid="score-board" data-recomputing={recomputing ? 'yes' : 'no'}>
      <thead>
        <tr>
          <th>{t('scores.rank')}</th>
          <th>{t('scores.unit')}</th>
          <th>{t('scores.total')}</th>
          {answer.scheme.components.map((c) => (
            <th key={c.component} className="component">
              {t(`component.${c.component}` as 'component.information')}
            </th>
          ))}
          {sure && <th>{t('scores.sureness')}</th>}
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={`${u.former ? 'former:' : ''}${u.code}`} data-unit={u.code} data-total={u.total ?? ''} data-rank={u.rank ?? ''}>
            <td className="rank">{u.rank ?? '–'}</td>
            <td className="unit">
              {onPick && !u.former ? <button onClick={() => onPick(u.code)}>{u.name}</button> : u.name}
              {gaps(u).length > 0 && (
                <span className="incomplete" title={reasons(gaps(u), language)}>
                  {' '}
                  {t('scores.incomplete')}
                </span>
              )}
            </td>
            <ScoreCell score={u.total} />
            {u.components.map((c) => (
              <ScoreCell key={c.component} score={c.score} component={c.component} title={c.missing.length > 0 ? reasons(c.missing, language) : undefined} />
            ))}
            {sure && (
              <td className="sureness">
                <RankInterval unit={u} count={units.length} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
