/**
 * Export of any view as DHIS2 dataValueSets, ADX and FHIR R4 MeasureReports (GET /api/export/…):
 * exported and imported into an empty store, DHIS2 and ADX give back the same rollups at every
 * level; the FHIR Bundle meets the R4 structure definition's required elements; figures the
 * mapping does not name, or that are not counts, are refused by name; the rollup's limits hold.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewToQuery } from '../../data/schema/view-query.ts';
import { ANSWER_CAP, type RollupRow, type View } from '../../data/schema/view.ts';
import { exportFigures } from '../../server/exchange/export-figures.ts';
import { Refusals } from '../../server/exchange/export-refusals.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { QueryTimeout } from '../../server/store/store.ts';
import { ingestCsv, NOW } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

const TODAY = '2026-11-20';
const months = ['01', '02', '03', '04', '05', '06'];
const weeks = Array.from({ length: 10 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Figures of 2026 (the walls' real figures are of 2023–2024), at reporters the Ninh Thuận mapping names. */
const FIGURES = [
  ...months.flatMap((m, i) => [
    `cashless_payment_rate,,TTYT-585,2026-${m},${2000 + 37 * i},${6400 + 11 * i},,,`,
    `cashless_payment_rate,,BV-DKT,2026-${m},${5100 + 53 * i},${9800 - 7 * i},,,`,
    `ehr_coverage,22810,,2026-${m},${27000 + 90 * i},28300,,,`,
  ]),
  ...weeks.flatMap((w, i) => [`dengue_cases,,TYT-22813,2026-W${w},,,${i % 4},,`, `dengue_cases,,TYT-22810,2026-W${w},,,${(i * 3) % 5},,`]),
  ...['02', '03', '04'].flatMap((d, i) => [`outpatient_visits,,TYT-22810,2026-03-${d},,,${30 + i},sex:female,`, `outpatient_visits,,TYT-22810,2026-03-${d},,,${25 + 2 * i},sex:male,`]),
  'emr_facilities,,BV-DKT,2026-Q1,1,1,,,',
  'emr_facilities,,TTYT-585,2026-Q2,0,1,,,',
  'it_level_tt54,,BV-MAT,2026-H1,,,4,,',
  'it_level_tt54,,TTYT-585,2026-H1,,,3,,',
];

type ViewOf = Omit<View, 'indicators' | 'level'>;
const month6: ViewOf = { grain: 'month', from: '2026-01', to: '2026-06' };
/** The views exported: each figure at the level and grain its reporters send it. */
const EXPORTED: View[] = [
  { indicators: ['cashless_payment_rate'], level: 'facility', ...month6 },
  { indicators: ['ehr_coverage'], level: 'commune', ...month6 },
  { indicators: ['dengue_cases'], level: 'facility', grain: 'week', from: '2026-W01', to: '2026-W10' },
  { indicators: ['outpatient_visits'], level: 'facility', grain: 'day', from: '2026-03-02', to: '2026-03-04', subgroup: 'sex:female' },
  { indicators: ['outpatient_visits'], level: 'facility', grain: 'day', from: '2026-03-02', to: '2026-03-04', subgroup: 'sex:male' },
  { indicators: ['emr_facilities'], level: 'facility', grain: 'quarter', from: '2026-Q1', to: '2026-Q2' },
  { indicators: ['it_level_tt54'], level: 'facility', grain: 'half', from: '2026-H1', to: '2026-H1' },
];

/** The rollups compared: every level, the grains each figure rolls up to, totals and subgroups. */
const COMPARED: View[] = ['province', 'area', 'commune', 'facility'].flatMap((level) => [
  ...(['month', 'quarter', 'half', 'year'] as const).map((grain): View => ({ indicators: ['cashless_payment_rate', 'ehr_coverage', 'dengue_cases', 'outpatient_visits', 'emr_facilities', 'it_level_tt54'], level, grain, last: 2, to: grain === 'month' ? '2026-06' : grain === 'quarter' ? '2026-Q2' : grain === 'half' ? '2026-H1' : '2026' })),
  { indicators: ['dengue_cases'], level, grain: 'week', from: '2026-W01', to: '2026-W10' },
  ...[undefined, 'sex:female', 'sex:male'].map((subgroup): View => ({ indicators: ['outpatient_visits'], level, grain: 'day', from: '2026-03-01', to: '2026-03-05', ...(subgroup ? { subgroup } : {}) })),
]);

let server: TestServer;
let emptyPack: string;
beforeAll(async () => {
  server = await startTestServer();
  const report = await ingestCsv(server.wall, FIGURES, { fileName: 'export-source.csv' });
  expect(report.rejections).toEqual([]);
  // An empty store: the same pack without its real figures, and no demo.
  emptyPack = join(server.wall.dir, 'pack-without-figures');
  cpSync(server.wall.config.packDir, emptyPack, { recursive: true, filter: (path) => !path.includes('/figures') });
});
afterAll(() => server.close());

const exportUrl = (format: string, view: View, extra = '') => `${server.url}/api/export/${format}?${viewToQuery(view)}${extra}`;

async function importInto(wall: TestWall, fileName: string, content: string) {
  const path = join(wall.dir, fileName);
  writeFileSync(path, content);
  return ingestFile(
    wall.store,
    wall.pack,
    { fileName, path, mapping: wall.exchangeMapping },
    { channel: 'cli', submittedBy: 'test', fileName, source: 'round trip', demo: false, acceptPartial: false },
    NOW,
  );
}

const rollups = async (wall: TestWall) => {
  const answers: RollupRow[][] = [];
  for (const view of COMPARED) answers.push((await runView(wall.store, wall.reference, view, TODAY)).rows);
  return answers;
};

describe('a view exported and imported into an empty store', () => {
  it.each([
    ['DHIS2 JSON', 'dhis2', 'json'],
    ['ADX', 'adx', 'xml'],
  ])('as %s gives the same rollups at every level', async (_name, format, extension) => {
    const target = await openTestWall({ packDir: emptyPack });
    try {
      const [empty] = await target.store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM facts');
      expect(empty!.n).toBe(0);
      for (const [i, view] of EXPORTED.entries()) {
        const res = await fetch(exportUrl(format, view));
        const body = await res.text();
        expect(res.status, body).toBe(200);
        const report = await importInto(target, `export-${i}.${extension}`, body);
        expect(report.rejections, `${format} ${viewToQuery(view)}`).toEqual([]);
        expect(report.status).toBe('committed');
      }
      const expected = await rollups(server.wall);
      expect(expected.flat().length).toBeGreaterThan(150);
      expect(await rollups(target)).toEqual(expected);
    } finally {
      await target.close();
    }
  });

  it('writes DHIS2 data values by UID by default, or by code, with periods in DHIS2 notation', async () => {
    const view: View = { indicators: ['cashless_payment_rate'], level: 'facility', grain: 'month', from: '2026-01', to: '2026-01' };
    const byUid = (await (await fetch(exportUrl('dhis2', view))).json()) as { dataValues: Record<string, string>[] };
    expect(byUid.dataValues).toEqual(
      expect.arrayContaining([
        { dataElement: 'TTKTMluot01', period: '202601', orgUnit: 'TTYTNinhSon', categoryOptionCombo: 'HllvX50cXC0', value: '2000' },
        { dataElement: 'TTVPluot001', period: '202601', orgUnit: 'TTYTNinhSon', categoryOptionCombo: 'HllvX50cXC0', value: '6400' },
      ]),
    );
    expect(byUid.dataValues).toHaveLength(4);
    const byCode = (await (await fetch(exportUrl('dhis2', view, '&idScheme=code'))).json()) as { dataValues: Record<string, string>[] };
    expect(byCode.dataValues).toContainEqual({ dataElement: 'TT_KHONG_TIEN_MAT', period: '202601', orgUnit: 'TTYT-585', categoryOptionCombo: 'default', value: '2000' });
  });

  it('writes ADX groups by org unit and period, subgroups as the mapped category, a data set when asked', async () => {
    const res = await fetch(exportUrl('adx', EXPORTED[3]!, '&dataSet=BCYTeThang1'));
    expect(res.headers.get('content-type')).toMatch(/^application\/adx\+xml/);
    const xml = await res.text();
    expect(xml).toContain('<group orgUnit="TYT-22810" period="2026-03-02/P1D" dataSet="BCYTeThang1">');
    expect(xml).toContain('<dataValue dataElement="KB_NGOAI_TRU" GIOI_TINH="NU" value="30"/>');
  });
});

describe('figures that cannot be written are refused, named, and nothing is exported', () => {
  const refusal = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(400);
    return (await res.json()) as { error: string; message: string; refused: { reason: string; what: string; vi: string; en: string; figures: number; example: string }[] };
  };

  it.each(['dhis2', 'adx'])('%s: units and facilities with no org unit, each listed with its figures', async (format) => {
    const answer = await refusal(exportUrl(format, { indicators: ['cashless_payment_rate', 'it_level_tt54'], level: 'area', ...month6 }));
    expect(answer.error).toBe('export_refused');
    expect(answer.message).toMatch(/Không xuất được .* Cannot export/);
    // Ninh Sơn's area (585) has the figures of TTYT-585; no org unit is mapped to the area itself.
    expect(answer.refused).toContainEqual(expect.objectContaining({ reason: 'unmapped_org_unit', what: 'unit 585', figures: 6, example: 'cashless_payment_rate unit 585 2026-01 (tổng / total)' }));
    for (const r of answer.refused) expect(r.vi).not.toBe(r.en);
  });

  it('a grain the data element does not take (a quarter of a monthly data element)', async () => {
    const quarter = await refusal(exportUrl('dhis2', { indicators: ['cashless_payment_rate'], level: 'facility', grain: 'quarter', from: '2026-Q1', to: '2026-Q1' }));
    expect(quarter.refused).toEqual([
      expect.objectContaining({ reason: 'grain_not_taken', what: 'cashless_payment_rate numerator quarter', figures: 2 }),
      expect.objectContaining({ reason: 'grain_not_taken', what: 'cashless_payment_rate denominator quarter', figures: 2 }),
    ]);
    expect(quarter.refused[0]!.en).toContain('takes periods of month, not quarter');
  });

  it('a ratio reported as a rate without counts, and a level over several facilities', async () => {
    const landed = await ingestCsv(server.wall, ['eprescription_signing,,BV-DKT,2026-Q3,,,75.5,,'], { fileName: 'rate-only.csv' });
    expect(landed.rejections).toEqual([]);
    const rate = await refusal(exportUrl('fhir', { indicators: ['eprescription_signing'], level: 'facility', grain: 'quarter', from: '2026-Q3', to: '2026-Q3' }));
    expect(rate.refused).toEqual([expect.objectContaining({ reason: 'rate_without_counts', what: 'eprescription_signing facility BV-DKT 2026-Q3 (tổng / total)' })]);
    const level = await refusal(exportUrl('dhis2', { indicators: ['it_level_tt54'], level: 'province', grain: 'half', from: '2026-H1', to: '2026-H1' }));
    expect(level.refused).toContainEqual(expect.objectContaining({ reason: 'level_distribution', what: 'it_level_tt54 unit 58 2026-H1 (tổng / total)' }));
  });

  it('a range view for DHIS2 or ADX, an unknown identifier scheme, a bad view: 400 naming the parameter', async () => {
    const range = await fetch(exportUrl('dhis2', { indicators: ['cashless_payment_rate'], level: 'facility', grain: 'range', from: '2026-01-01', to: '2026-01-31' }));
    expect(range.status).toBe(400);
    expect(((await range.json()) as { message: string }).message).toContain('grain=range');
    const scheme = await fetch(exportUrl('adx', EXPORTED[0]!, '&idScheme=name'));
    expect(((await scheme.json()) as { errors: string[] }).errors).toEqual(['idScheme: uid hoặc code / uid or code']);
    const unknown = await fetch(`${server.url}/api/export/fhir?indicators=cashless_payment_rate&level=facility&grain=month&last=1&idScheme=uid`);
    expect(((await unknown.json()) as { errors: string[] }).errors).toEqual(['unknown parameter "idScheme"']);
  });
});

describe("the rollup's limits hold for exports", () => {
  it('the cap on figures counts every view an export reads (FHIR reads a subgroup view per stratum)', async () => {
    const { reference } = server.wall;
    const facilities = [...reference.units.values()].find((u) => u.depth === 0)!.facilities;
    // The longest span of days whose view fits under the cap on its own: with its two strata it does not.
    const days = Math.floor((ANSWER_CAP / facilities - 1) / 2);
    const view: View = { indicators: ['outpatient_visits'], level: 'facility', grain: 'day', last: days, to: '2026-03-31' };
    expect((await fetch(`${server.url}/api/rollup?${viewToQuery(view)}`)).status).toBe(200);
    const res = await fetch(exportUrl('fhir', view));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/could hold .* more than 20,000 figures/);
  });

  it('one deadline for all the views an export reads: past it, the read is stopped (503)', async () => {
    await expect(exportFigures(server.wall.store, server.wall.reference, EXPORTED, TODAY, 0, new Refusals())).rejects.toBeInstanceOf(QueryTimeout);
  });
});

/**
 * The FHIR R4 MeasureReport structure definition's required elements and invariants
 * (https://hl7.org/fhir/R4/measurereport.html), checked by hand, with the codes this export
 * promises (IHE mADX: every group and population has its code). Returns every fault found.
 */
function measureReportFaults(report: Record<string, unknown>, at: string): string[] {
  const faults: string[] = [];
  const fault = (path: string, text: string) => faults.push(`${at}.${path}: ${text}`);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  /** FHIR JSON: no nulls, no empty lists, no empty objects, anywhere. */
  const noEmpties = (v: unknown, path: string) => {
    if (v === null) fault(path, 'null');
    else if (Array.isArray(v)) v.length === 0 ? fault(path, 'empty list') : v.forEach((x, i) => noEmpties(x, `${path}[${i}]`));
    else if (isObject(v)) Object.keys(v).length === 0 ? fault(path, 'empty object') : Object.entries(v).forEach(([k, x]) => noEmpties(x, path ? `${path}.${k}` : k));
  };
  /** An element of cardinality min..max (max 1: not a list; max *: a list). */
  const card = (parent: Record<string, unknown>, name: string, path: string, min: 0 | 1, max: 1 | '*'): unknown[] => {
    const v = parent[name];
    if (v === undefined) {
      if (min === 1) fault(`${path}${name}`, `required (${min}..${max})`);
      return [];
    }
    if (max === 1 && Array.isArray(v)) fault(`${path}${name}`, 'at most one (..1), a list given');
    if (max === '*' && !Array.isArray(v)) fault(`${path}${name}`, 'a list (..*) expected');
    return Array.isArray(v) ? v : [v];
  };
  const code = (v: unknown, path: string, values: string[]) => typeof v === 'string' && values.includes(v) ? null : fault(path, `one of ${values.join(' | ')}, got ${JSON.stringify(v)}`);
  const dateTime = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
  const codeableConcept = (v: unknown, path: string) => {
    if (!isObject(v)) return fault(path, 'a CodeableConcept');
    for (const [i, c] of card(v, 'coding', `${path}.`, 0, '*').entries())
      if (!isObject(c) || typeof c.system !== 'string' || typeof c.code !== 'string' || !/^[^\s]+( [^\s]+)*$/.test(c.code)) fault(`${path}.coding[${i}]`, 'a Coding with system and code');
    if (v.coding === undefined && typeof v.text !== 'string') fault(path, 'coding or text');
  };
  const count = (v: unknown, path: string) => (Number.isInteger(v) ? null : fault(path, `an integer, got ${JSON.stringify(v)}`));
  const quantity = (v: unknown, path: string) => (isObject(v) && typeof v.value === 'number' ? null : fault(path, 'a Quantity with a value'));
  const populations = (owner: Record<string, unknown>, path: string) =>
    card(owner, 'population', path, 0, '*').forEach((p, i) => {
      if (!isObject(p)) return fault(`${path}population[${i}]`, 'an object');
      // 0..1 in R4; required here, as IHE mADX does and as this export promises.
      const [c] = card(p, 'code', `${path}population[${i}].`, 1, 1);
      if (c !== undefined) codeableConcept(c, `${path}population[${i}].code`);
      const [n] = card(p, 'count', `${path}population[${i}].`, 1, 1);
      if (n !== undefined) count(n, `${path}population[${i}].count`);
    });

  noEmpties(report, '');
  if (report.resourceType !== 'MeasureReport') fault('resourceType', 'MeasureReport');
  code(card(report, 'status', '', 1, 1)[0], 'status', ['complete', 'pending', 'error']);
  const [type] = card(report, 'type', '', 1, 1);
  code(type, 'type', ['individual', 'subject-list', 'summary', 'data-collection']);
  const [measure] = card(report, 'measure', '', 1, 1);
  if (typeof measure !== 'string' || !/^\S+:\S+$/.test(measure)) fault('measure', 'a canonical URI');
  const [period] = card(report, 'period', '', 1, 1);
  if (!isObject(period)) fault('period', 'a Period');
  else {
    for (const end of ['start', 'end']) if (typeof period[end] !== 'string' || !dateTime.test(period[end] as string)) fault(`period.${end}`, 'a dateTime');
    if (typeof period.start === 'string' && typeof period.end === 'string' && period.start > period.end) fault('period', 'per-1: start after end');
  }
  const [subject] = card(report, 'subject', '', 0, 1);
  if (subject !== undefined && !(isObject(subject) && (typeof subject.reference === 'string' || isObject(subject.identifier)))) fault('subject', 'a Reference');
  const [date] = card(report, 'date', '', 0, 1);
  if (date !== undefined && !(typeof date === 'string' && dateTime.test(date))) fault('date', 'a dateTime');
  const [improvement] = card(report, 'improvementNotation', '', 0, 1);
  if (improvement !== undefined) codeableConcept(improvement, 'improvementNotation');
  const groups = card(report, 'group', '', 0, '*');
  // mrp-1: a data-collection report carries no group score.
  if (type === 'data-collection' && groups.some((g) => isObject(g) && g.measureScore !== undefined)) fault('group', 'mrp-1');
  groups.forEach((group, g) => {
    const path = `group[${g}].`;
    if (!isObject(group)) return fault(path, 'an object');
    const [c] = card(group, 'code', path, 1, 1);
    if (c !== undefined) codeableConcept(c, `${path}code`);
    populations(group, path);
    const [score] = card(group, 'measureScore', path, 0, 1);
    if (score !== undefined) quantity(score, `${path}measureScore`);
    card(group, 'stratifier', path, 0, '*').forEach((stratifier, s) => {
      const sp = `${path}stratifier[${s}].`;
      if (!isObject(stratifier)) return fault(sp, 'an object');
      card(stratifier, 'code', sp, 0, '*').forEach((x, i) => codeableConcept(x, `${sp}code[${i}]`));
      card(stratifier, 'stratum', sp, 0, '*').forEach((stratum, t) => {
        const tp = `${sp}stratum[${t}].`;
        if (!isObject(stratum)) return fault(tp, 'an object');
        const [value] = card(stratum, 'value', tp, 0, 1);
        const components = card(stratum, 'component', tp, 0, '*');
        // mrp-2: a stratum is a single value or a set of components, not both nor neither.
        if ((value === undefined) === (components.length === 0)) fault(tp.slice(0, -1), 'mrp-2: value or component');
        if (value !== undefined) codeableConcept(value, `${tp}value`);
        components.forEach((component, k) => {
          if (!isObject(component)) return fault(`${tp}component[${k}]`, 'an object');
          codeableConcept(card(component, 'code', `${tp}component[${k}].`, 1, 1)[0], `${tp}component[${k}].code`);
          codeableConcept(card(component, 'value', `${tp}component[${k}].`, 1, 1)[0], `${tp}component[${k}].value`);
        });
        populations(stratum, tp);
        const [stratumScore] = card(stratum, 'measureScore', tp, 0, 1);
        if (stratumScore !== undefined) quantity(stratumScore, `${tp}measureScore`);
      });
    });
  });
  return faults;
}

describe('FHIR R4 MeasureReports of a view', () => {
  type Report = Record<string, any>;
  const bundleOf = async (view: View) => {
    const res = await fetch(exportUrl('fhir', view));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = (await res.json()) as { resourceType: string; type: string; total?: number; entry: { fullUrl: string; resource: Report }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    // bdl-1: total only in a search or history.
    expect(bundle.total).toBeUndefined();
    for (const entry of bundle.entry) expect(entry.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    return bundle.entry.map((e) => e.resource);
  };
  const populationOf = (owner: Report, code: string) => owner.population?.find((p: Report) => p.code.coding[0].code === code)?.count;

  it('are checked by a validator that finds what R4 requires missing', () => {
    const broken = { resourceType: 'MeasureReport', type: 'summary', period: { start: '2026-02-01', end: '2026-01-31' }, group: [{ population: [], stratifier: [{ stratum: [{ measureScore: { value: 1 } }] }] }] };
    expect(measureReportFaults(broken, 'r')).toEqual([
      'r.group[0].population: empty list',
      'r.status: required (1..1)',
      'r.status: one of complete | pending | error, got undefined',
      'r.measure: required (1..1)',
      'r.measure: a canonical URI',
      'r.period: per-1: start after end',
      'r.group[0].code: required (1..1)',
      'r.group[0].stratifier[0].stratum[0]: mrp-2: value or component',
    ]);
  });

  it('meet the R4 structure definition: one summary report per indicator, entity and period', async () => {
    const views: View[] = [
      { indicators: ['cashless_payment_rate', 'emr_facilities', 'it_level_tt54', 'dengue_cases'], level: 'facility', grain: 'year', from: '2026', to: '2026' },
      { indicators: ['cashless_payment_rate', 'ehr_coverage'], level: 'area', ...month6 },
      EXPORTED[3]!,
    ];
    for (const view of views) {
      const reports = await bundleOf(view);
      const { rows } = await runView(server.wall.store, server.wall.reference, { ...view, subgroup: undefined }, TODAY);
      expect(reports).toHaveLength(rows.length);
      reports.forEach((report, i) => expect(measureReportFaults(report, `entry[${i}]`)).toEqual([]));
      expect(new Set(reports.map((r) => r.type))).toEqual(new Set(['summary']));
    }
  });

  it("carry the rollup's figures: Σnumerator and Σdenominator as populations, the value as the score", async () => {
    const view: View = { indicators: ['cashless_payment_rate', 'dengue_cases'], level: 'province', grain: 'quarter', from: '2026-Q1', to: '2026-Q1' };
    const reports = await bundleOf(view);
    const { rows } = await runView(server.wall.store, server.wall.reference, view, TODAY);
    for (const row of rows) {
      const report = reports.find((r) => r.measure === `urn:ioc:indicator:${row.indicator}`)!;
      expect(report).toMatchObject({ status: 'complete', subject: { identifier: { system: 'urn:ioc:unit', value: '58' } }, period: { start: '2026-01-01', end: '2026-03-31' } });
      const [group] = report.group;
      expect(group.code.coding[0]).toEqual({ system: 'urn:ioc:indicator', code: row.indicator });
      expect(group.measureScore.value).toBe(row.value);
      if (row.indicator === 'cashless_payment_rate') {
        expect(populationOf(group, 'numerator')).toBe(row.numerator);
        expect(populationOf(group, 'denominator')).toBe(row.denominator);
        expect(group.population[0].code.coding[0].system).toBe('http://terminology.hl7.org/CodeSystem/measure-population');
      } else expect(populationOf(group, 'initial-population')).toBe(row.value);
    }
  });

  it('carry subgroups as a stratifier per dimension, a stratum per value, each with its own figures', async () => {
    const view: View = { indicators: ['outpatient_visits'], level: 'facility', grain: 'day', from: '2026-03-03', to: '2026-03-03' };
    const [report, ...others] = await bundleOf(view);
    expect(others).toEqual([]);
    const [group] = report!.group;
    expect(populationOf(group, 'initial-population')).toBe(31 + 27);
    expect(group.stratifier).toHaveLength(1);
    expect(group.stratifier[0].code[0].coding[0].code).toBe('sex');
    const strata = Object.fromEntries(group.stratifier[0].stratum.map((s: Report) => [s.value.coding[0].code, [populationOf(s, 'initial-population'), s.measureScore.value]]));
    expect(strata).toEqual({ female: [31, 31], male: [27, 27] });
    // A view naming a subgroup: the total, with that subgroup alone as its stratum.
    const [female] = await bundleOf({ ...view, subgroup: 'sex:female' });
    expect(female!.group[0].stratifier[0].stratum.map((s: Report) => s.value.coding[0].code)).toEqual(['female']);
  });
});
