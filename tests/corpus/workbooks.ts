/**
 * Spreadsheets as people make them, built with ExcelJS at test time (binary files stay out of
 * git), each with the outcome it must get: what the cells show is what lands, or one clear refusal.
 */
import ExcelJS from 'exceljs';
import { HEADER } from '../support/ingest.ts';

type CellValue = ExcelJS.CellValue;
interface CellSpec {
  value: CellValue;
  numFmt?: string;
}
type RowSpec = (CellValue | CellSpec)[];
interface SheetSpec {
  name: string;
  rows: RowSpec[];
  merges?: string[];
}

export interface Expected {
  status: number;
  codes: string[];
  /** The rows the rejections name. */
  rows?: number[];
  /** The columns the rejections name, in the order they are reported. */
  columns?: string[];
  /** What the batch stored, figure by figure. */
  facts?: { grain: string; period_start: string; value?: number; numerator?: number; denominator?: number; is_check?: boolean }[];
  /** Figures the wall then shows (GET /api/rollup?query), of an entity (by code) in the bucket starting period_start. */
  rollups?: { query: string; entity: string; period_start: string; value?: number; numerator?: number; denominator?: number }[];
  note: string;
}

export interface WorkbookCase extends Expected {
  name: string;
  sheets: SheetSpec[];
  /** Query string added to the upload (sheet=…). */
  query?: string;
}

const header = HEADER.split(',');
const cell = (value: CellValue, numFmt: string): CellSpec => ({ value, numFmt });
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export const WORKBOOKS: WorkbookCase[] = [
  {
    name: 'percent-rate.xlsx',
    note: 'a rate cell 0.4604 formatted 0.00% shows 46,04%: it lands as 46.04, not 0.46',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22810', '', '2025-09', '', '', cell(0.4604, '0.00%')]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-09-01', value: 46.04 }],
  },
  {
    name: 'percent-with-counts.xlsx',
    note: 'a percent cell is then checked against its counts as usual',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22813', '', '2025-09', 4604, 10000, cell(0.4604, '0%')]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-09-01', numerator: 4604, denominator: 10000 }],
  },
  {
    name: 'percent-mismatch.xlsx',
    note: 'a percent cell that disagrees with its counts is refused, not read as a fraction',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22822', '', '2025-09', 4604, 10000, cell(0.046, '0.00%')]] }],
    status: 422,
    codes: ['value_mismatch'],
  },
  {
    name: 'date-month-period.xlsx',
    note: 'a period typed as a date shown 07/2025 (mm/yyyy) is the month 2025-07, never the day 2025-07-01',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22828', '', cell(day(2025, 7, 1), 'mm/yyyy'), '', '', 9]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-07-01', value: 9 }],
  },
  {
    name: 'date-day-period.xlsx',
    note: 'a period date shown dd/mm/yyyy is that day',
    sheets: [{ name: 'Sheet1', rows: [header, ['outpatient_visits', '', 'TYT-22834', cell(day(2025, 7, 15), 'dd/mm/yyyy'), '', '', 31]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'day', period_start: '2025-07-15', value: 31 }],
  },
  {
    name: 'date-year-period.xlsx',
    note: 'a period date shown yyyy is that year',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22840', '', cell(day(2025, 1, 1), 'yyyy'), '', '', 40]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'year', period_start: '2025-01-01', value: 40 }],
  },
  {
    name: 'date-time-period.xlsx',
    note: 'a period date whose format shows only a time says nothing of the period: refused with the reason',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22846', '', cell(day(2025, 7, 1), 'hh:mm'), '', '', 9]] }],
    status: 422,
    codes: ['date_cell_unclear'],
  },
  {
    name: 'date-in-value.xlsx',
    note: 'a date in a figures column is refused, not read as its day number',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22846', '', '2025-09', '', '', cell(day(2025, 7, 1), 'dd/mm/yyyy')]] }],
    status: 422,
    codes: ['date_cell'],
  },
  {
    name: 'thousands-text-cell.xlsx',
    note: 'a count typed as text "12.000" is refused like in a CSV',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22846', '', '2025-09', '', '', '12.000']] }],
    status: 422,
    codes: ['count_with_point'],
  },
  {
    name: 'two-sheets.xlsx',
    note: 'figures on two sheets: refused naming both, unless sheet= names one',
    sheets: [
      { name: 'Tháng 8', rows: [header, ['telehealth_consultations', '22849', '', '2025-08', '', '', 3]] },
      { name: 'Tháng 9', rows: [header, ['telehealth_consultations', '22849', '', '2025-09', '', '', 4]] },
    ],
    status: 422,
    codes: ['several_sheets'],
  },
  {
    name: 'two-sheets-chosen.xlsx',
    note: 'the same workbook with sheet=Tháng 9: that sheet lands',
    query: 'sheet=Th%C3%A1ng%209',
    sheets: [
      { name: 'Tháng 8', rows: [header, ['telehealth_consultations', '22852', '', '2025-08', '', '', 3]] },
      { name: 'Tháng 9', rows: [header, ['telehealth_consultations', '22852', '', '2025-09', '', '', 4]] },
    ],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-09-01', value: 4 }],
  },
  {
    name: 'notes-then-figures.xlsx',
    note: 'an instructions sheet before the figures is not figures: the one sheet with the header is read',
    sheets: [
      { name: 'Hướng dẫn', rows: [['Điền số liệu vào trang Số liệu'], ['Mỗi dòng một chỉ số']] },
      { name: 'Số liệu', rows: [header, ['telehealth_consultations', '22861', '', '2025-08', '', '', 5]] },
    ],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-08-01', value: 5 }],
  },
  {
    name: 'title-banner.xlsx',
    note: 'a merged title banner and a blank row above the header are skipped; rows keep the numbers the spreadsheet shows',
    sheets: [
      {
        name: 'Sheet1',
        merges: ['A1:I1'],
        rows: [['BÁO CÁO TƯ VẤN TỪ XA THÁNG 8/2025'], [], header, ['telehealth_consultations', '22870', '', '2025-08', '', '', 6], ['telehealth_consultations', '22873', '', '2025-08', '', '', '1.000']],
      },
    ],
    status: 422,
    codes: ['count_with_point'],
    rows: [5],
  },
  {
    name: 'merged-header.xlsx',
    note: 'a header cell merged over two columns: one clear refusal, not a misleading counts_go_together',
    sheets: [{ name: 'Sheet1', merges: ['E1:F1'], rows: [header, ['ehr_coverage', '22888', '', '2025-09', 10, 20, '']] }],
    status: 422,
    codes: ['merged_header'],
  },
  {
    name: 'merged-data.xlsx',
    note: 'an indicator cell merged down two rows belongs to neither row: refused once',
    sheets: [
      {
        name: 'Sheet1',
        merges: ['A2:A3'],
        rows: [header, ['telehealth_consultations', '22891', '', '2025-08', '', '', 1], ['', '22897', '', '2025-08', '', '', 2]],
      },
    ],
    status: 422,
    codes: ['merged_cells'],
  },
  {
    name: 'plausible-count-percent-cell.xlsx',
    note: 'a count of 12 in a cell formatted 0% shows 1200%: refused naming the cell, never 1200 (nor 12)',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22909', '', '2025-10', '', '', cell(12, '0%')]] }],
    status: 422,
    codes: ['count_percent_cell'],
    rows: [2],
    columns: ['value'],
  },
  {
    name: 'plausible-numerator-percent-cell.xlsx',
    note: 'a numerator in a percent-formatted cell is a count too: refused, not 460400 of 10000',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22909', '', '2025-10', cell(4604, '0%'), 10000, '']] }],
    status: 422,
    codes: ['count_percent_cell'],
    rows: [2],
    columns: ['numerator'],
  },
  {
    name: 'plausible-fraction-cell.xlsx',
    note: 'a rate typed as the fraction 0.9728 in a plain cell: refused as looking like a fraction, never 0.97%',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22780', '', '2025-10', '', '', 0.9728]] }],
    status: 422,
    codes: ['rate_looks_like_fraction'],
    rows: [2],
    columns: ['value'],
  },
  {
    name: 'plausible-small-percent-cell.xlsx',
    note: 'a genuine 0.5% in a cell formatted 0.00% (it holds 0.005): the format says percent, so it lands as 0.5',
    sheets: [{ name: 'Sheet1', rows: [header, ['ehr_coverage', '22780', '', '2025-12', '', '', cell(0.005, '0.00%')]] }],
    status: 201,
    codes: [],
    facts: [{ grain: 'month', period_start: '2025-12-01', value: 0.5 }],
  },
  {
    name: 'error-cell.xlsx',
    note: 'a spreadsheet error (#DIV/0!) is named as such',
    sheets: [{ name: 'Sheet1', rows: [header, ['telehealth_consultations', '22900', '', '2025-08', '', '', { error: '#DIV/0!' } as CellValue]] }],
    status: 422,
    codes: ['error_cell'],
  },
  {
    name: 'counted-once-notes-and-total.xlsx',
    note: 'a notes sheet, then the communes with a "Tổng cộng" row for the province that equals them: it lands as a check, the province is 150, not 300',
    sheets: [
      { name: 'Hướng dẫn', rows: [['Điền số lượt tư vấn từ xa của từng xã vào trang Số liệu'], ['Dòng Tổng cộng ghi mã tỉnh (58)']] },
      { name: 'Số liệu', rows: countedOnceRows('2026-03', 150) },
    ],
    status: 201,
    codes: [],
    facts: [25, 35, 40, 50].map((value) => ({ grain: 'month', period_start: '2026-03-01', value, is_check: false })).concat([
      { grain: 'month', period_start: '2026-03-01', value: 150, is_check: true },
    ]),
    rollups: [{ query: 'indicators=telehealth_consultations&level=province&grain=month&from=2026-03&to=2026-03', entity: '58', period_start: '2026-03-01', value: 150 }],
  },
  {
    name: 'counted-once-notes-and-total-differs.xlsx',
    note: 'the same with a "Tổng cộng" of 160 over communes adding up to 150: refused on the total row, naming the rows under it',
    sheets: [
      { name: 'Hướng dẫn', rows: [['Điền số lượt tư vấn từ xa của từng xã vào trang Số liệu']] },
      { name: 'Số liệu', rows: countedOnceRows('2026-04', 160) },
    ],
    status: 422,
    codes: ['total_with_parts'],
    rows: [6],
    columns: ['unit'],
  },
];

/** Four communes' telehealth consultations in a month (150 in all), and a "Tổng cộng" row for the province. */
function countedOnceRows(month: string, total: number): RowSpec[] {
  const communes: [string, number][] = [['22897', 40], ['22900', 35], ['22909', 25], ['22870', 50]];
  return [
    header,
    ...communes.map(([unit, value]): RowSpec => ['telehealth_consultations', unit, '', month, '', '', value, '', 'Sổ tư vấn từ xa']),
    ['telehealth_consultations', '58', '', month, '', '', total, '', 'Tổng cộng'],
  ];
}

export async function buildWorkbook(spec: WorkbookCase): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of spec.sheets) {
    const sheet = book.addWorksheet(s.name);
    for (const row of s.rows) {
      const added = sheet.addRow(row.map((c) => (c !== null && typeof c === 'object' && 'numFmt' in c ? c.value : c)));
      row.forEach((c, i) => {
        if (c !== null && typeof c === 'object' && 'numFmt' in c) added.getCell(i + 1).numFmt = c.numFmt!;
      });
    }
    for (const range of s.merges ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
