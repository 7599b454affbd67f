import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateRejection } from '../../data/schema/rejection.ts';
import { factCount, HEADER, ingestCsv } from '../support/ingest.ts';
import { openTestWall, type TestWall } from '../support/wall.ts';

let wall: TestWall;
beforeAll(async () => {
  wall = await openTestWall();
});
afterAll(() => wall.close());

// Each case: one row (row 2 of the file), and the column and reason it must be rejected for.
const cases: [title: string, row: string, column: string, code: string][] = [
  ['an unknown indicator code', 'no_such_indicator,22738,,2025-08,,,5,,', 'indicator', 'unknown_indicator'],
  ['a missing indicator', ',22738,,2025-08,,,5,,', 'indicator', 'missing'],
  ['an unknown unit code', 'telehealth_consultations,99999,,2025-08,,,5,,', 'unit', 'unknown_unit'],
  ['a unit code of the wrong era (a 2024 commune after the reorganisation)', 'telehealth_consultations,22831,,2025-08,,,5,,', 'unit', 'unknown_unit'],
  ['an unknown facility code', 'outpatient_visits,,TYT-00000,2025-08-01,,,5,,', 'facility', 'unknown_facility'],
  ['a facility named with another unit', 'outpatient_visits,22741,TYT-22738,2025-08-01,,,5,,', 'unit', 'facility_not_in_unit'],
  ['neither unit nor facility', 'telehealth_consultations,,,2025-08,,,5,,', 'unit', 'no_entity'],
  ['a bad period', 'telehealth_consultations,22738,,2025-13,,,5,,', 'period', 'bad_period'],
  ['a period not started yet', 'telehealth_consultations,22738,,2027-01,,,5,,', 'period', 'future_period'],
  ['a non-numeric value', 'telehealth_consultations,22738,,2025-08,,,năm,,', 'value', 'not_a_number'],
  ['a Vietnamese-formatted number', 'telehealth_consultations,22738,,2025-08,,,"1.234,5",,', 'value', 'number_mixed_separators'],
  ['a count with a thousands point', 'telehealth_consultations,22738,,2025-08,,,1.000,,', 'value', 'count_with_point'],
  ['a numerator with a thousands point', 'ehr_coverage,22738,,2025-08,12.000,13500,,,', 'numerator', 'count_with_point'],
  ['a rate with a decimal comma', 'ehr_coverage,22738,,2025-08,,,"46,04",,', 'value', 'number_comma'],
  ['a number in exponent form', 'telehealth_consultations,22738,,2025-08,,,1e3,,', 'value', 'number_exponent'],
  ['a negative value', 'telehealth_consultations,22738,,2025-08,,,-3,,', 'value', 'negative'],
  ['a huge value', 'telehealth_consultations,22738,,2025-08,,,1000000000000000000,,', 'value', 'too_large'],
  ['a fractional count', 'telehealth_consultations,22738,,2025-08,,,2.5,,', 'value', 'count_with_point'],
  ['counts on a count indicator', 'telehealth_consultations,22738,,2025-08,1,2,,,', 'numerator', 'counts_not_allowed'],
  ['a count without a value', 'telehealth_consultations,22738,,2025-08,,,,,', 'value', 'missing'],
  ['a ratio with nothing', 'ehr_coverage,22738,,2025-08,,,,,', 'numerator', 'ratio_needs_counts'],
  ['a numerator without a denominator', 'ehr_coverage,22738,,2025-08,10,,,,', 'denominator', 'counts_go_together'],
  ['a zero denominator', 'ehr_coverage,22738,,2025-08,0,0,,,', 'denominator', 'zero_denominator'],
  ['a numerator larger than its denominator', 'ehr_coverage,22738,,2025-08,120,100,,,', 'numerator', 'numerator_exceeds_denominator'],
  ['a rate that disagrees with its counts', 'ehr_coverage,22738,,2025-08,90,100,95.5,,', 'value', 'value_mismatch'],
  ['a level outside its scale', 'it_level_tt54,,BV-DKT,2025-H1,,,9,,', 'value', 'level_out_of_scale'],
  ['a reporter the indicator does not take', 'ehr_coverage,,TYT-22738,2025-08,90,100,,,', 'facility', 'wrong_reporter'],
  ['an unknown subgroup', 'outpatient_visits,,TYT-22738,2025-08-01,,,5,age:0-4,', 'subgroup', 'unknown_subgroup'],
];

describe('ingest rejects a row, naming the file, row, column and reason', () => {
  it.each(cases)('%s', async (_title, row, column, code) => {
    const before = await factCount(wall);
    const report = await ingestCsv(wall, [row]);
    expect(report.status).toBe('rejected');
    expect(report.rejections).toContainEqual(expect.objectContaining({ row: 2, column, code }));
    const line = locateRejection(report.fileName, report.rejections.find((r) => r.code === code)!, 'en');
    expect(line).toMatch(new RegExp(`^figures\\.csv, row 2, column ${column}: `));
    expect(await factCount(wall)).toBe(before);
  });

  it.each([
    ['a reporting day that is not a date', '20/11/2026', 'bad_date'],
    ['a reporting day in the future', '2026-11-21', 'future_date'],
    ['a reporting day before the period began', '2025-07-31', 'reported_before_period'],
  ])('%s', async (_title, day, code) => {
    const report = await ingestCsv(wall, [`telehealth_consultations,22738,,2025-08,,,5,,,${day}`], { header: `${HEADER},reported_on` });
    expect(report.rejections).toEqual([expect.objectContaining({ row: 2, column: 'reported_on', code, value: day })]);
  });

  it('keeps the day each figure was reported (as the file says, else the day it arrived), and the words of each rejected row', async () => {
    const report = await ingestCsv(wall, ['telehealth_consultations,22741,,2025-08,,,5,,,2025-09-04', 'telehealth_consultations,22741,,2025-09,,,6,,,'], {
      header: `${HEADER},reported_on`,
    });
    const days = await wall.store.query<{ period: string; day: string }>(
      `SELECT period_start::VARCHAR AS period, reported_on::VARCHAR AS day FROM facts WHERE batch_id = ${report.id} ORDER BY period_start`,
    );
    expect(days).toEqual([
      { period: '2025-08-01', day: '2025-09-04' },
      { period: '2025-09-01', day: '2026-11-20' },
    ]);
    const refused = await ingestCsv(wall, ['ehr_coverage,22738,,2025-08,120,100,,,']);
    const [row] = await wall.store.query(`SELECT row_number, code, indicator, unit, facility, period FROM rejected_rows WHERE batch_id = ${refused.id}`);
    expect(row).toEqual({ row_number: 2, code: 'numerator_exceeds_denominator', indicator: 'ehr_coverage', unit: '22738', facility: null, period: '2025-08' });
  });

  it('rejects the same figure twice in one file, naming the first row', async () => {
    const row = 'telehealth_consultations,22738,,2025-08,,,5,,';
    const report = await ingestCsv(wall, [row, 'telehealth_consultations,22738,,2025-09,,,6,,', row]);
    expect(report.rejections).toEqual([expect.objectContaining({ row: 4, code: 'duplicate_row', params: { first_row: 2 } })]);
  });

  it('accepts a rate rounded to the precision it is written with (Bảng 2 prints 94% for 94.45%)', async () => {
    const report = await ingestCsv(wall, ['ehr_coverage,586,,2024-H1,111007,117532,94,,']);
    expect(report.status).toBe('committed');
  });

  it('rejects a file with an unknown or missing column before reading any row', async () => {
    const report = await ingestCsv(wall, ['x,22738,2025-08,5'], { header: 'indicator,unit,when,value' });
    expect(report.status).toBe('rejected');
    expect(report.rejections.map((r) => [r.row, r.code, r.value])).toEqual([
      [null, 'unknown_column', 'when'],
      [null, 'missing_column', 'period'],
    ]);
  });

  it('rejects an empty file', async () => {
    const report = await ingestCsv(wall, []);
    expect(report.rejections).toEqual([expect.objectContaining({ code: 'file_empty' })]);
  });
});
