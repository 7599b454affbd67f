/** The socio-economic overview QĐ 828 asks for: units, population, area, density and facilities of a unit, with sources. */
import type { Level, UnitOverview } from '../../data/schema/pack.ts';
import { FACILITY_KINDS } from '../../data/schema/pack.ts';
import { formatNumber } from '../format/format-value.ts';
import { citation } from '../format/citation.ts';
import { useT } from '../i18n/index.ts';

export function OverviewStrip(props: { unit: UnitOverview; units: UnitOverview[]; levels: Level[] }) {
  const { t, language } = useT();
  const { unit } = props;
  const below = (code: string): UnitOverview[] =>
    props.units.filter((u) => u.parentCode === code).flatMap((u) => [u, ...below(u.code)]);
  const descendants = below(unit.code);
  const count = (level: string) => descendants.filter((u) => u.level === level).length;
  // Packs give population per area: how many of the unit's areas lack it is said, not left as a bare "–".
  const areaLevel = props.levels[1];
  const areas = [unit, ...descendants].filter((u) => u.level === areaLevel?.id);
  const withoutPopulation = areas.filter((u) => !u.population).length;
  return (
    <div className="overview" data-testid="overview">
      {props.levels.slice(1).map((level) => (
        <div key={level.id} className="fact">
          <span className="fact-value">{formatNumber(count(level.id), language)}</span>
          <span className="fact-label">{(count(level.id) === 1 ? level.name : (level.plural ?? level.name))[language]}</span>
        </div>
      ))}
      <div className="fact" title={unit.population ? citation(unit.population.source, language) : undefined}>
        <span className="fact-value" data-testid="overview-population">{formatNumber(unit.population?.value ?? null, language)}</span>
        <span className="fact-label">{unit.population ? t('overview.population', { year: String(unit.population.year) }) : t('overview.populationMissing')}</span>
      </div>
      <div className="fact">
        <span className="fact-value">{formatNumber(unit.areaKm2, language, 0)}</span>
        <span className="fact-label">{t('overview.area')}</span>
      </div>
      <div className="fact">
        <span className="fact-value">{formatNumber(unit.density, language, 0)}</span>
        <span className="fact-label">{t('overview.density')}</span>
      </div>
      {FACILITY_KINDS.filter((k) => unit.facilities[k]).map((kind) => (
        <div key={kind} className="fact">
          <span className="fact-value">{formatNumber(unit.facilities[kind]!, language)}</span>
          <span className="fact-label">{t(`facility.kind.${kind}`)}</span>
        </div>
      ))}
      <p className="overview-source" data-testid="overview-population-source">
        {unit.population || !areaLevel || withoutPopulation === 0
          ? t('overview.source', { source: unit.population ? citation(unit.population.source, language) : '–' })
          : t('overview.populationMissingAreas', {
              missing: formatNumber(withoutPopulation, language),
              total: formatNumber(areas.length, language),
              level: (areas.length === 1 ? areaLevel.name : (areaLevel.plural ?? areaLevel.name))[language].toLocaleLowerCase(language),
            })}
      </p>
    </div>
  );
}
