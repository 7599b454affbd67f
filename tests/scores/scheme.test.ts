/** data/catalogue/scores.yaml and its checks (data/schema/scores.ts), and the URL a scores request is read from. */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkScoreScheme, equalWeights, scoresFromQuery, type ScoreScheme } from '../../data/schema/scores.ts';
import { readConfig } from '../../server/config.ts';
import { loadCatalogue } from '../../server/reference/load-catalogue.ts';
import { loadScoreScheme, scoresFile } from '../../server/reference/load-scores.ts';

const config = readConfig({});
const catalogue = loadCatalogue(config.catalogueFile);
const file = scoresFile(config.catalogueFile);
const scheme = loadScoreScheme(file, catalogue);
const document = () => parse(readFileSync(file, 'utf8')) as ScoreScheme;

describe('data/catalogue/scores.yaml', () => {
  it('is sound against the catalogue, weighs everything equally by default and sets no elasticity', () => {
    expect(scheme.components.map((c) => c.component)).toEqual(['information', 'financing', 'immunisation', 'workforce', 'infrastructure']);
    expect(equalWeights(scheme)).toBe(true);
    expect(scheme.elasticities).toEqual([]);
    expect(scheme.sensitivity.draws).toBeGreaterThanOrEqual(1000);
    for (const c of scheme.components)
      for (const i of c.indicators) {
        const indicator = catalogue.indicators.find((x) => x.code === i.indicator)!;
        expect(indicator.component).toBe(c.component);
        expect(indicator.direction).not.toBe('neutral');
      }
  });

  it('says who and what it follows', () => {
    const header = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('#')).join('\n');
    for (const words of ['QĐ 828', 'UHC service coverage index', 'OECD/JRC Handbook', 'EQUAL BY DEFAULT']) expect(header).toContain(words);
  });
});

describe('a scheme the start refuses', () => {
  const faults = (change: (d: ScoreScheme) => void) => {
    const d = document();
    change(d);
    return checkScoreScheme(d, catalogue).errors.join('\n');
  };

  it('names an unknown indicator or component', () => {
    expect(faults((d) => (d.components[0]!.indicators[0]!.indicator = 'ehr_coverag'))).toContain('no indicator "ehr_coverag" in the catalogue');
    expect(faults((d) => (d.components[1]!.component = 'finance'))).toContain('no component "finance" in the catalogue');
  });

  it('refuses weights that are not above 0', () => {
    expect(faults((d) => (d.components[0]!.weight = 0))).toContain('a weight must be above 0');
    expect(faults((d) => (d.components[0]!.indicators[1]!.weight = -1))).toContain('a weight must be above 0');
  });

  it('refuses an indicator under another component, a neutral one, a level, and goalposts that do not fit', () => {
    expect(faults((d) => d.components[1]!.indicators.push({ indicator: 'ehr_coverage', weight: 1, goalposts: { type: 'minmax', min: 0, max: 100, basis: 'x' } }))).toContain(
      'the catalogue puts ehr_coverage in component information',
    );
    expect(
      faults((d) => d.components.push({ component: 'service_delivery', name: { vi: 'x', en: 'x' }, weight: 1, indicators: [{ indicator: 'bed_occupancy', weight: 1, goalposts: { type: 'minmax', min: 0, max: 100, basis: 'x' } }] })),
    ).toContain('bed_occupancy is neutral');
    expect(faults((d) => d.components[0]!.indicators.push({ indicator: 'it_level_tt54', weight: 1, goalposts: { type: 'minmax', min: 0, max: 7, basis: 'x' } }))).toContain('is a level');
    expect(faults((d) => (d.components[0]!.indicators[1]!.goalposts = { type: 'minmax', min: 100, max: 0, basis: 'x' }))).toContain('min must be below max');
    expect(faults((d) => (d.components[0]!.indicators[0]!.goalposts = { type: 'target', max: 100, basis: 'x' }))).toContain('needs min');
  });

  it('refuses an elasticity between components it does not hold', () => {
    expect(faults((d) => d.elasticities.push({ from: 'information', to: 'surveillance', coefficient: 0.1, citation: 'x' }))).toContain('"surveillance" is not a component of the scheme');
  });

  it('stops the loader with every fault listed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-scores-'));
    try {
      const d = document();
      d.components[0]!.weight = 0;
      d.components[0]!.indicators[0]!.indicator = 'nope';
      writeFileSync(join(dir, 'scores.yaml'), stringify(d));
      expect(() => loadScoreScheme(join(dir, 'scores.yaml'), catalogue)).toThrow(/invalid:[\s\S]*a weight must be above 0/);
      d.components[0]!.weight = 1;
      writeFileSync(join(dir, 'scores.yaml'), stringify(d));
      expect(() => loadScoreScheme(join(dir, 'scores.yaml'), catalogue)).toThrow(/no indicator "nope"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the scores URL', () => {
  /** The query as Express reads it: a repeated parameter becomes a list. */
  const read = (q: string) => {
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(q)) query[k] = k in query ? [query[k]!].flat().concat(v) : v;
    return scoresFromQuery(query, scheme, catalogue);
  };

  it('keeps weights, goalposts, the method and what-ifs', () => {
    const { request } = read('level=commune&period=2026-Q3&method=geometric&w.information=2&w.ehr_coverage=0&g.cashless_payment_rate=target:10&g.doctors_per_10k=minmax:2:12&set=ehr_coverage:585:95&set=cashless_payment_rate:585:50&el=information:financing:0.2&draws=2000&seed=5');
    expect(request).toMatchObject({
      level: 'commune',
      period: '2026-Q3',
      method: 'geometric',
      weights: { information: 2, ehr_coverage: 0 },
      goalposts: { cashless_payment_rate: { type: 'target', min: 10, without_target: 50 }, doctors_per_10k: { type: 'minmax', min: 2, max: 12 } },
      set: [
        { indicator: 'ehr_coverage', unit: '585', value: 95 },
        { indicator: 'cashless_payment_rate', unit: '585', value: 50 },
      ],
      elasticities: [{ from: 'information', to: 'financing', coefficient: 0.2 }],
      draws: 2000,
      concentration: 50,
      seed: 5,
    });
  });

  it("keeps an elasticity's citation, colons and all", () => {
    const { request } = read(`el=${encodeURIComponent('information:financing:0.2:WHO 2018: Table 3')}`);
    expect(request!.elasticities).toEqual([{ from: 'information', to: 'financing', coefficient: 0.2, citation: 'WHO 2018: Table 3' }]);
    expect(read('el=information:financing:0.2&el=information:financing:0.3').errors.join('; ')).toMatch(/^el: information:financing is set twice/);
    expect(read(`el=information:financing:0.2:${'x'.repeat(301)}`).errors.join('; ')).toMatch(/^el: the citation of information:financing is longer than 300/);
  });

  it('names the parameter at fault', () => {
    const errors = (q: string) => read(q).errors.join('; ');
    expect(errors('w.nonsense=1')).toMatch(/^w\.nonsense: no component or indicator "nonsense"/);
    expect(errors('w.information=-1')).toMatch(/^w\.information: a weight from 0/);
    expect(errors('method=median')).toMatch(/^method:/);
    expect(errors('draws=6000')).toMatch(/^draws: 0 \(no sensitivity analysis\) or a whole number from 1000 to 5000/);
    expect(errors('draws=500')).toMatch(/^draws:/);
    expect(errors('period=2026-W03')).toMatch(/^period: "2026-W03" is a week/);
    expect(errors('period=2026-11&period=2026-10')).toMatch(/^period: given 2 times/);
    expect(errors('set=ehr_coverage:585')).toMatch(/^set: "ehr_coverage:585" is not INDICATOR:UNIT:VALUE/);
    expect(errors('set=bed_occupancy:585:5')).toMatch(/^set: no indicator "bed_occupancy" in the scoring scheme/);
    expect(errors('el=information:information:1')).toMatch(/^el:/);
    expect(errors('g.ehr_coverage=target:99')).toMatch(/^g\.ehr_coverage: without_target must be above min/);
    expect(errors('w.information=0&w.financing=0&w.immunisation=0&w.workforce=0&w.infrastructure=0')).toMatch(/^w\.information: every component would weigh 0/);
    expect(errors('colour=red')).toMatch(/^colour: unknown parameter/);
    expect(errors(Array.from({ length: 21 }, (_, i) => `set=ehr_coverage:${i}:1`).join('&'))).toMatch(/^set: at most 20/);
  });
});
