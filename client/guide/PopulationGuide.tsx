/**
 * The guide to the population the figures are per (/guide?topic=population): where it is used,
 * which figure each unit takes when the pack holds a document of the department and the list of
 * every commune (data/schema/population.ts), what this pack holds at each level, and the limits of
 * the list, which the 2025 merger proposals made and which do not add up to the province's figure.
 */
import type { Level, UnitOverview } from '../../data/schema/pack.ts';
import { citation } from '../format/citation.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';

const RULES = ['guide.population.rule.own', 'guide.population.rule.sum', 'guide.population.rule.document', 'guide.population.rule.never', 'guide.population.rule.compare'] as const;
const LIMITS = ['guide.population.limit.proposals', 'guide.population.limit.total', 'guide.population.limit.areas', 'guide.population.limit.sparse'] as const;

export function PopulationGuide(props: { units: UnitOverview[]; levels: Level[] }) {
  const { t, language } = useT();
  // Each level's units by the figure they take: its document (Σ where a sum) and year.
  const rows = props.levels.flatMap((level) => {
    const units = props.units.filter((u) => u.level === level.id);
    const groups = new Map<string, { source: string; year: number | null; units: number; people: number }>();
    for (const u of units) {
      const p = u.population;
      const source = p ? `${p.sum ? 'Σ ' : ''}${citation(p.source, language)}` : t('guide.population.none');
      const key = `${source}\u0000${p?.year ?? ''}`;
      const g = groups.get(key) ?? { source, year: p?.year ?? null, units: 0, people: 0 };
      groups.set(key, { ...g, units: g.units + 1, people: g.people + (p?.value ?? 0) });
    }
    return [...groups.values()].map((g, i) => ({ level: i === 0 ? level : null, of: units.length, ...g }));
  });
  return (
    <article className="guide-detail guide-scores" data-testid="population-guide">
      <h2>{t('guide.population.title')}</h2>
      <p>{t('guide.population.uses')}</p>
      <h3>{t('guide.population.rule')}</h3>
      <ol className="guide-scores-formulas">
        {RULES.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <h3>{t('guide.population.pack')}</h3>
      <table className="guide-targets" data-testid="population-sources">
        <thead>
          <tr>
            <th>{t('guide.population.level')}</th>
            <th>{t('guide.document')}</th>
            <th>{t('guide.years')}</th>
            <th>{t('guide.population.units')}</th>
            <th>{t('guide.population.people')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.level ? (r.level.plural ?? r.level.name)[language] : ''}</td>
              <td lang="vi">{r.source}</td>
              <td>{r.year ?? '–'}</td>
              <td>
                {formatNumber(r.units, language)}/{formatNumber(r.of, language)}
              </td>
              <td>{r.year === null ? '–' : formatNumber(r.people, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('guide.population.limits')}</h3>
      <ul className="guide-scores-formulas" data-testid="population-limits">
        {LIMITS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </article>
  );
}
