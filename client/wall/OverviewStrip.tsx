/** The socio-economic overview QĐ 828 asks for: units, population, area, density and facilities of a unit, with sources. */
import { Fragment } from 'react';
import type { Level, UnitOverview } from '../../data/schema/pack.ts';
import { FACILITY_KINDS } from '../../data/schema/pack.ts';
import { formatNumber } from '../format/format-value.ts';
import { citation } from '../format/citation.ts';
import { useT, type MessageKey } from '../i18n/index.ts';

/** Where a sentence's document goes, filled in as an element of its own. */
const DOCUMENT = '\u0001';

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
  // Which source the figure is, and which the pack holds and did not use (data/schema/population.ts):
  // a document of the department wins over the list of communes, and a figure never mixes the two.
  const levelWords = (id: string, n: number) => {
    const level = props.levels.find((l) => l.id === id);
    return level ? (n === 1 ? level.name : (level.plural ?? level.name))[language].toLocaleLowerCase(language) : id;
  };
  const population = unit.population;
  // Each sentence with its document, quoted as the document writes it (marked Vietnamese where its words are).
  const sentences: { text: string; document: string }[] = [];
  const say = (key: MessageKey, document: string, params: Record<string, string> = {}) =>
    sentences.push({ text: t(key, { ...params, source: DOCUMENT }), document: citation(document, language) });
  if (population) {
    if (population.sum) say('overview.sourceSum', population.source, { units: formatNumber(population.sum.units, language), level: levelWords(population.sum.level, population.sum.units) });
    else say('overview.source', population.source);
  }
  for (const n of population?.notUsed ?? [])
    if (n.value !== null)
      say('overview.notUsedWhole', n.source, { year: String(n.year), units: formatNumber(n.units, language), level: levelWords(n.level, n.units), value: formatNumber(n.value, language) });
    else say('overview.notUsedPart', n.source, { year: String(n.year), units: formatNumber(n.units, language), of: formatNumber(n.of, language), level: levelWords(n.level, n.of) });
  const plain = sentences.map((s) => s.text.replace(DOCUMENT, s.document)).join(' · ');
  return (
    <div className="overview" data-testid="overview">
      {props.levels.slice(1).map((level) => (
        <div key={level.id} className="fact">
          <span className="fact-value">{formatNumber(count(level.id), language)}</span>
          <span className="fact-label">{(count(level.id) === 1 ? level.name : (level.plural ?? level.name))[language]}</span>
        </div>
      ))}
      <div className="fact" title={plain || undefined}>
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
          ? sentences.length === 0
            ? t('overview.source', { source: '–' })
            : sentences.map((s, i) => {
                const [before, after] = s.text.split(DOCUMENT);
                return (
                  <Fragment key={i}>
                    {i > 0 && ' · '}
                    {before}
                    <span lang={language !== 'vi' && /[^\x00-\x7F]/.test(s.document) ? 'vi' : undefined}>{s.document}</span>
                    {after}
                  </Fragment>
                );
              })
          : t('overview.populationMissingAreas', {
              missing: formatNumber(withoutPopulation, language),
              total: formatNumber(areas.length, language),
              level: (areas.length === 1 ? areaLevel.name : (areaLevel.plural ?? areaLevel.name))[language].toLocaleLowerCase(language),
            })}
      </p>
    </div>
  );
}
