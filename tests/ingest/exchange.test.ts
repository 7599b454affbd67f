/**
 * DHIS2 dataValueSets (JSON, CSV) and ADX through the one validated ingest: each sample lands as
 * the same figures, and the same rollups, as our CSV of them; each kind of bad input is refused
 * naming the sender's row and field, and nothing of the file lands.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRejection } from '../../data/schema/rejection.ts';
import { ingestFile, type BatchReport } from '../../server/ingest/index.ts';
import { runView } from '../../server/rollup/run-view.ts';
import { factCount, ingestCsv, NOW } from '../support/ingest.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const samples = join(import.meta.dirname, '..', '..', 'data', 'samples');

async function ingest(fileName: string, content: string, options: { partial?: boolean; mapping?: null } = {}): Promise<BatchReport> {
  const { wall } = server;
  const path = join(wall.dir, fileName);
  writeFileSync(path, content);
  return ingestFile(
    wall.store,
    wall.pack,
    { fileName, path, mapping: options.mapping === null ? null : wall.exchangeMapping },
    { channel: 'cli', submittedBy: 'test', fileName, source: 'test', demo: false, acceptPartial: options.partial ?? false },
    NOW,
  );
}

/** Our CSV of the figures the three samples carry. */
const EQUIVALENT_CSV = [
  'ehr_coverage,22810,,2025-10,27450,28210,,,',
  'cashless_payment_rate,,TTYT-585,2025-10,2210,6480,,,',
  'outpatient_visits,,TYT-22810,2025-11-03,,,38,sex:female,',
  'outpatient_visits,,TYT-22810,2025-11-03,,,29,sex:male,',
  'dengue_cases,,TYT-22813,2025-W44,,,3,,',
  'it_level_tt54,,BV-MAT,2025-H1,,,4,,',
  'emr_facilities,,BV-DKT,2025-Q3,1,1,,,',
];
const INDICATORS = ['ehr_coverage', 'cashless_payment_rate', 'outpatient_visits', 'dengue_cases', 'it_level_tt54', 'emr_facilities'];

/** The facts of the samples' figures, as the rollups read them. */
const sampleFacts = () =>
  server.wall.store.query(
    `SELECT i.code, u.code AS unit, f.facility_id, f.subgroup, f.grain::VARCHAR AS grain, f.period_start::VARCHAR AS start,
       f.numerator, f.denominator, f.value, f.is_demo
     FROM facts f JOIN indicators i ON i.id = f.indicator_id JOIN units u ON u.id = f.unit_id
     WHERE f.batch_id = (SELECT max(id) FROM batches WHERE status = 'committed') ORDER BY ALL`,
  );

const rollups = async () => {
  const { store, reference } = server.wall;
  const answers = [];
  for (const [grain, period] of [['year', '2025'], ['quarter', '2025-Q4'], ['month', '2025-10']] as const)
    for (const level of ['province', 'area', 'commune'])
      answers.push((await runView(store, reference, { indicators: INDICATORS, level, grain, from: period, to: period }, '2026-11-20')).rows);
  answers.push((await runView(store, reference, { indicators: ['outpatient_visits'], level: 'facility', grain: 'day', from: '2025-11-03', to: '2025-11-03', subgroup: 'sex:female' }, '2026-11-20')).rows);
  return answers;
};

describe('DHIS2 and ADX samples', () => {
  it('land as the same figures and the same rollups as our CSV of them, each replacing the one before exactly', async () => {
    const csv = await ingestCsv(server.wall, EQUIVALENT_CSV, { fileName: 'equivalent.csv' });
    expect(csv.status).toBe('committed');
    const facts = await sampleFacts();
    expect(facts).toHaveLength(7);
    const expected = await rollups();
    for (const file of ['dhis2-datavalueset.json', 'dhis2-datavalueset.csv', 'adx-sample.xml']) {
      const report = await ingest(file, readFileSync(join(samples, file), 'utf8'));
      expect(report.rejections, file).toEqual([]);
      // Seven figures from ten data values; each replaced its twin of the batch before, no other.
      expect(report, file).toMatchObject({ status: 'committed', rowsTotal: 7, rowsAccepted: 7, rowsReplaced: 7 });
      expect(await sampleFacts(), file).toEqual(facts);
      expect(await rollups(), file).toEqual(expected);
    }
  });

  it('keep the day each value was last updated as the day it was reported', async () => {
    await ingest('dhis2.json', readFileSync(join(samples, 'dhis2-datavalueset.json'), 'utf8'));
    const [row] = await server.wall.store.query<{ reported_on: string }>(
      `SELECT reported_on::VARCHAR AS reported_on FROM facts f JOIN indicators i ON i.id = f.indicator_id
       WHERE i.code = 'cashless_payment_rate' AND f.period_start = '2025-10-01' AND f.batch_id = (SELECT max(id) FROM batches)`,
    );
    expect(row!.reported_on).toBe('2025-11-04');
  });

  it('upload over HTTP like any file (ADX as .xml)', async () => {
    const res = await fetch(`${server.url}/api/batches?file=adx-sample.xml`, {
      method: 'POST',
      headers: server.editor,
      body: readFileSync(join(samples, 'adx-sample.xml')),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'committed', rowsAccepted: 7 });
  });
});

const value = (fields: Record<string, unknown>) => ({ categoryOptionCombo: 'HllvX50cXC0', attributeOptionCombo: 'HllvX50cXC0', ...fields });
const ehr = (period = '202510', numerator = '27450', denominator = '28210') => [
  value({ dataElement: 'HSSKtaoMoi1', period, orgUnit: 'XaNinhSon01', value: numerator }),
  value({ dataElement: 'DANSOdiaBan', period, orgUnit: 'XaNinhSon01', value: denominator }),
];
const dhis2 = (dataValues: unknown[], header: Record<string, unknown> = {}) => JSON.stringify({ ...header, dataValues });
const adx = (groups: string) => `<?xml version="1.0"?>\n<adx xmlns="urn:ihe:qrph:adx:2015">\n${groups}\n</adx>\n`;

describe('bad DHIS2 and ADX input is refused, naming the row and field, and nothing lands', () => {
  const cases: [title: string, file: string, content: string, row: number | null, field: string | null, code: string][] = [
    ['an unmapped data element', 'a.json', dhis2([...ehr(), value({ dataElement: 'KhongCoMa01', period: '202510', orgUnit: 'XaNinhSon01', value: '1' })]), 3, 'dataElement', 'exchange_unmapped_data_element'],
    ['an unmapped org unit', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025W44', orgUnit: 'KhongCoDV01', value: '3' })]), 1, 'orgUnit', 'exchange_unmapped_org_unit'],
    ['an unmapped category option combo', 'a.json', dhis2([value({ dataElement: 'KBngoaiTru1', period: '20251103', orgUnit: 'TYTNinhSon1', categoryOptionCombo: 'TuoiDuoi5T1', value: '3' })]), 1, 'categoryOptionCombo', 'exchange_unmapped_combo'],
    ['an attribute disaggregation', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025W44', orgUnit: 'TYTLamSon01', attributeOptionCombo: 'GIOInu00001', value: '3' })]), 1, 'attributeOptionCombo', 'exchange_attribute_combo'],
    ['a bi-weekly period', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025BiW22', orgUnit: 'TYTLamSon01', value: '3' })]), 1, 'period', 'exchange_period_type'],
    ['a week starting on Wednesday', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025WedW44', orgUnit: 'TYTLamSon01', value: '3' })]), 1, 'period', 'exchange_period_type'],
    ['a month 13', 'a.json', dhis2(ehr('202513')), 1, 'period', 'exchange_bad_period'],
    ['a period in our notation, not DHIS2’s', 'a.json', dhis2(ehr('2025-10')), 1, 'period', 'exchange_bad_period'],
    ['a quarter for a monthly indicator', 'a.json', dhis2(ehr('2025Q3')), 1, 'period', 'exchange_grain_not_taken'],
    ['a deletion', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025W44', orgUnit: 'TYTLamSon01', value: '3', deleted: true })]), 1, 'deleted', 'exchange_deleted'],
    ['a value contradicting the set’s period', 'a.json', dhis2(ehr('202509'), { period: '202510' }), 1, 'period', 'exchange_conflicting_header'],
    ['a part sent twice', 'a.json', dhis2([...ehr(), ehr()[0]]), 3, 'dataElement', 'duplicate_row'],
    ['a missing value', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025W44', orgUnit: 'TYTLamSon01' })]), 1, 'value', 'missing'],
    ['a count with a thousands point (its own row and field)', 'a.json', dhis2([value({ dataElement: 'SXHcaMac001', period: '2025W44', orgUnit: 'TYTLamSon01', value: '1.000' })]), 1, 'value', 'count_with_point'],
    ['a numerator above its denominator (at the numerator’s row)', 'a.json', dhis2([ehr('202510', '30000')[1], ehr('202510', '30000')[0]]), 2, 'value', 'numerator_exceeds_denominator'],
    ['a denominator of zero (at the denominator’s row)', 'a.json', dhis2(ehr('202510', '0', '0')), 2, 'value', 'zero_denominator'],
    ['a future period', 'a.json', dhis2(ehr('202701')), 1, 'period', 'future_period'],
    ['a level outside the scale', 'a.json', dhis2([value({ dataElement: 'CNTTmucTT54', period: '2025S1', orgUnit: 'BVMatNThuan', value: '9' })]), 1, 'value', 'level_out_of_scale'],
    ['an unknown DHIS2 CSV column', 'a.csv', 'dataelement,period,orgunit,value,soluong\nSXH_CA_MAC,2025W44,TYT-22813,3,1\n', null, null, 'unknown_column'],
    ['a DHIS2 CSV line with too many cells', 'a.csv', 'dataelement,period,orgunit,value\nSXH_CA_MAC,2025W44,TYT-22813,3,1\n', 2, null, 'csv_bad_line'],
    ['an unmapped org unit in DHIS2 CSV (its line)', 'a.csv', 'dataelement,period,orgunit,value\nSXH_CA_MAC,2025W44,TYT-22813,3\nSXH_CA_MAC,2025W44,TYT-99999,3\n', 3, 'orgUnit', 'exchange_unmapped_org_unit'],
    ['two disaggregations at once in ADX', 'a.xml', adx('<group orgUnit="TYTNinhSon1" period="2025-11-03/P1D">\n<dataValue dataElement="KBngoaiTru1" GIOI_TINH="NU" TUOI="DUOI5" value="3"/>\n</group>'), 4, 'GIOI_TINH, TUOI', 'exchange_several_categories'],
    ['an unmapped ADX category option', 'a.xml', adx('<group orgUnit="TYTNinhSon1" period="2025-11-03/P1D">\n<dataValue dataElement="KBngoaiTru1" GIOI_TINH="KHAC" value="3"/>\n</group>'), 4, 'GIOI_TINH', 'exchange_unmapped_category'],
    ['an ADX group with an attribute disaggregation', 'a.xml', adx('<group orgUnit="TYTLamSon01" period="2025-10-27/P7D" NGUON="TU_NHAN">\n<dataValue dataElement="SXHcaMac001" value="3"/>\n</group>'), 4, 'attributeOptionCombo', 'exchange_attribute_combo'],
    ['an ADX two-month span', 'a.xml', adx('<group orgUnit="XaNinhSon01" period="2025-09-01/P2M">\n<dataValue dataElement="HSSKtaoMoi1" value="1"/>\n</group>'), 4, 'period', 'exchange_period_type'],
    ['an ADX month not starting on the 1st', 'a.xml', adx('<group orgUnit="XaNinhSon01" period="2025-10-02/P1M">\n<dataValue dataElement="HSSKtaoMoi1" value="1"/>\n</group>'), 4, 'period', 'exchange_period_type'],
    ['an ADX document type declaration', 'a.xml', '<?xml version="1.0"?>\n<!DOCTYPE adx [<!ENTITY a "aaaa">]>\n<adx><group orgUnit="TYTLamSon01" period="2025-10-27/P7D"><dataValue dataElement="SXHcaMac001" value="&a;"/></group></adx>', null, null, 'file_unreadable'],
    ['an element ADX does not have', 'a.xml', adx('<bang><dataValue dataElement="SXHcaMac001" value="3"/></bang>'), null, null, 'file_unreadable'],
  ];

  it.each(cases)('%s', async (_title, file, content, row, field, code) => {
    const before = await factCount(server.wall);
    const report = await ingest(file, content);
    expect(report.status).toBe('rejected');
    expect(report.rowsAccepted).toBe(0);
    expect(report.rejections).toContainEqual(expect.objectContaining({ row, column: field, code }));
    for (const r of report.rejections) {
      expect(describeRejection(r, 'vi')).not.toMatch(/\{\w+\}/);
      expect(describeRejection(r, 'en')).not.toMatch(/\{\w+\}/);
    }
    expect(await factCount(server.wall)).toBe(before);
    // The batch log keeps the same place for each fault.
    const stored = (await (await fetch(`${server.url}/api/batches/${report.id}`)).json()) as { rejections: { row_number?: number; row: number | null; column: string | null; code: string }[] };
    expect(stored.rejections).toContainEqual(expect.objectContaining({ row, column: field, code }));
  });

  it('refuses DHIS2 and ADX files when the pack has no mapping', async () => {
    const report = await ingest('a.json', dhis2(ehr()), { mapping: null });
    expect(report).toMatchObject({ status: 'rejected', rejections: [expect.objectContaining({ row: null, code: 'exchange_no_mapping' })] });
  });

  it('with partial=true lands the good figures only, never a figure one of whose parts was refused', async () => {
    const before = await factCount(server.wall);
    const report = await ingest(
      'partial.json',
      dhis2([
        ...ehr(),
        value({ dataElement: 'TTKTMluot01', period: '202510', orgUnit: 'TTYTNinhSon', value: '2210' }),
        value({ dataElement: 'TTVPluot001', period: '202510', orgUnit: 'TTYTNinhSon', value: '6480' }),
        value({ dataElement: 'TTVPluot001', period: '202510', orgUnit: 'TTYTNinhSon', value: '6500' }),
      ]),
      { partial: true },
    );
    expect(report.status).toBe('committed');
    expect(report.rejections).toEqual([
      expect.objectContaining({ row: 3, column: null, code: 'exchange_part_refused', params: { part_row: 5 } }),
      expect.objectContaining({ row: 5, column: 'dataElement', code: 'duplicate_row', params: { first_row: 4 } }),
    ]);
    expect(report.rowsAccepted).toBe(1);
    expect(await factCount(server.wall)).toBe(before + 0); // the EHR figure replaced its twin from the samples
  });
});
