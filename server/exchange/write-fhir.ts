/**
 * A view's figures as a FHIR R4 Bundle (collection) of MeasureReports of type summary, one per
 * indicator, unit or facility and period, in the style of IHE mADX: the indicator as the group's
 * code, a ratio's Σnumerator and Σdenominator as the numerator and denominator populations
 * (measure-population codes), a count as the initial population, the rollup's value as the
 * measure score, and the subgroups as stratifiers, one per dimension (sex), a stratum per value
 * with its own populations and score. FHIR needs no mapping: figures keep our own codes, in this
 * wall's code systems (urn:ioc:…), since no FHIR Measure of them is published. A report whose
 * period has not ended is pending, the others complete.
 */
import { randomUUID } from 'node:crypto';
import type { Catalogue, Indicator } from '../../data/schema/indicator.ts';
import type { View } from '../../data/schema/view.ts';
import type { ExportFigure } from './export-figures.ts';

const MEASURE_POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const IMPROVEMENT = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
/** This wall's own systems: its indicator codes (a Measure's canonical too), units, facilities, subgroups. */
const SYSTEMS = { indicator: 'urn:ioc:indicator', unit: 'urn:ioc:unit', facility: 'urn:ioc:facility', subgroup: 'urn:ioc:subgroup' } as const;

type Json = Record<string, unknown>;
const coding = (system: string, code: string, text?: string) => ({ coding: [{ system, code }], ...(text ? { text } : {}) });

/** Its populations, as a property: FHIR JSON has no empty lists. */
function populations(figure: ExportFigure, indicator: Indicator): { population?: Json[] } {
  const population = (code: string, count: number) => ({ code: coding(MEASURE_POPULATION, code), count });
  if ('numerator' in figure.counts) return { population: [population('numerator', figure.counts.numerator), population('denominator', figure.counts.denominator)] };
  // A level is a place on a scale and a stock a quantity on hand: only counts of events are a population.
  return indicator.kind === 'count' ? { population: [population('initial-population', figure.counts.value)] } : {};
}

const score = (figure: ExportFigure, indicator: Indicator) =>
  figure.score === null ? {} : { measureScore: { value: figure.score, unit: indicator.unit.en } };

/**
 * The views a FHIR export of a view reads: the total of each figure, and its subgroups as strata
 * (the one the view names, else every subgroup its indicators declare), each read as a view of
 * the indicators that have it.
 */
export function fhirViews(view: View, catalogue: Catalogue): View[] {
  const declared = new Map(catalogue.indicators.map((i) => [i.code, Object.entries(i.subgroups).flatMap(([d, values]) => values.map((v) => `${d}:${v}`))]));
  const subgroups = view.subgroup !== undefined ? [view.subgroup] : [...new Set(view.indicators.flatMap((code) => declared.get(code) ?? []))];
  const strata = subgroups
    .map((subgroup) => ({ ...view, subgroup, indicators: view.indicators.filter((code) => declared.get(code)?.includes(subgroup)) }))
    .filter((v) => v.indicators.length > 0);
  return [{ ...view, subgroup: undefined }, ...strata];
}

export function writeFhir(figures: ExportFigure[], catalogue: Catalogue, exported: Date, today: string): Json {
  const indicators = new Map(catalogue.indicators.map((i) => [i.code, i]));
  // A report per indicator, entity and period: its total, if the view holds one (a subgroup the
  // total does not add up over may come alone), and its subgroups.
  const reportsOf = new Map<string, { total?: ExportFigure; strata: ExportFigure[] }>();
  for (const f of figures) {
    const key = `${f.indicator}\t${f.entity.kind} ${f.entity.code}\t${f.period.start}`;
    const report = reportsOf.get(key) ?? { strata: [] };
    reportsOf.set(key, report);
    if (f.subgroup === '') report.total = f;
    else report.strata.push(f);
  }

  const reports = [...reportsOf.values()].map(({ total: own, strata }) => {
    const first = own ?? strata[0]!;
    const indicator = indicators.get(first.indicator)!;
    const byDimension = new Map<string, ExportFigure[]>();
    for (const s of strata) {
      const dimension = s.subgroup.slice(0, s.subgroup.indexOf(':'));
      byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), s]);
    }
    const improvement = { higher_is_better: 'increase', lower_is_better: 'decrease', neutral: null }[indicator.direction];
    return {
      resourceType: 'MeasureReport',
      status: first.period.end < today ? 'complete' : 'pending',
      type: 'summary',
      measure: `${SYSTEMS.indicator}:${first.indicator}`,
      subject: { identifier: { system: SYSTEMS[first.entity.kind], value: first.entity.code }, display: first.entity.name },
      date: exported.toISOString(),
      period: { start: first.period.start, end: first.period.end },
      ...(improvement ? { improvementNotation: coding(IMPROVEMENT, improvement) } : {}),
      group: [
        {
          code: coding(SYSTEMS.indicator, first.indicator, indicator.name.vi),
          ...(own ? { ...populations(own, indicator), ...score(own, indicator) } : {}),
          ...(byDimension.size > 0
            ? {
                stratifier: [...byDimension].map(([dimension, figures]) => ({
                  code: [coding(SYSTEMS.subgroup, dimension, dimension)],
                  stratum: figures.map((s) => ({
                    value: coding(`${SYSTEMS.subgroup}:${dimension}`, s.subgroup.slice(dimension.length + 1)),
                    ...populations(s, indicator),
                    ...score(s, indicator),
                  })),
                })),
              }
            : {}),
        },
      ],
    };
  });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: exported.toISOString(),
    entry: reports.map((resource) => ({ fullUrl: `urn:uuid:${randomUUID()}`, resource })),
  };
}
