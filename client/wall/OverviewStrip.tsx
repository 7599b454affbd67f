/** The socio-economic overview QĐ 828 asks for: units, population, area, density and facilities of a unit, with sources. */
import type { Level, UnitOverview } from '../../data/schema/pack.ts';
import { FACILITY_KINDS } from '../../data/schema/pack.ts';
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';

export function OverviewStrip(props: { unit: UnitOverview; units: UnitOverview[]; levels: Level[] }) {
  const { t, language } = useT();
  const { unit } = props;
  const below = (code: string): UnitOverview[] =>
    props.units.filter((u) => u.parentCode === code).flatMap((u) => [u, ...below(u.code)]);
  const descendants = below(unit.code);
  return (
    <div className="overview" data-testid="overview">
      {props.levels.slice(1).map((level) => (
        <div key={level.id} className="fact">
          <span className="fact-value">{formatNumber(descendants.filter((u) => u.level === level.id).length, language)}</span>
          <span className="fact-label">{level.name[language]}</span>
        </div>
      ))}
      <div className="fact" title={unit.population?.source}>
        <span className="fact-value" data-testid="overview-population">{formatNumber(unit.population?.value ?? null, language)}</span>
        <span className="fact-label">{t('overview.population', { year: String(unit.population?.year ?? '–') })}</span>
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
      <p className="overview-source">{t('overview.source', { source: unit.population?.source ?? '–' })}</p>
    </div>
  );
}
