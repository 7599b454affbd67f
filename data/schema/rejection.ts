/**
 * Why an input row (or a whole file) was rejected: a code, the parameters that explain it, and
 * the sentence a data officer reads, in Vietnamese and English. Shared by ingest, the API and
 * the client.
 */
import type { Localized } from './pack.ts';

export const REJECTION_MESSAGES = {
  file_unreadable: { vi: 'Không đọc được tệp: {detail}', en: 'The file cannot be read: {detail}' },
  not_utf8: {
    vi: 'Tệp không phải mã UTF-8 (Unicode): lưu lại dưới dạng "CSV UTF-8"; chữ TCVN3, VNI hay Windows-1258 phải chuyển sang Unicode trước',
    en: 'The file is not UTF-8 (Unicode): save it as "CSV UTF-8"; TCVN3, VNI or Windows-1258 text must be converted to Unicode first',
  },
  formula_text: {
    vi: 'Ô bắt đầu bằng "{value}" có thể bị bảng tính hiểu là công thức; bỏ ký tự đầu đó đi',
    en: 'A cell starting with "{value}" could be taken for a formula by a spreadsheet; remove that first character',
  },
  file_empty: { vi: 'Tệp không có dòng số liệu nào', en: 'The file has no data rows' },
  unknown_column: {
    vi: 'Cột "{value}" không thuộc mẫu nhập (các cột: {allowed})',
    en: 'Column "{value}" is not part of the format (columns: {allowed})',
  },
  missing_column: { vi: 'Thiếu cột bắt buộc "{value}"', en: 'Required column "{value}" is missing' },
  formula_cell: {
    vi: 'Ô chứa công thức; hãy xuất giá trị, không xuất công thức',
    en: 'The cell holds a formula; export values, not formulas',
  },
  missing: { vi: 'Thiếu giá trị', en: 'Missing value' },
  unknown_indicator: { vi: 'Mã chỉ số "{value}" không có trong danh mục', en: 'Indicator code "{value}" is not in the catalogue' },
  bad_period: { vi: 'Kỳ báo cáo không hợp lệ: {detail}', en: 'Bad period: {detail}' },
  future_period: {
    vi: 'Kỳ {value} chưa bắt đầu (hôm nay là {today})',
    en: 'Period {value} has not started yet (today is {today})',
  },
  bad_date: { vi: '"{value}" không phải là ngày (YYYY-MM-DD)', en: '"{value}" is not a date (YYYY-MM-DD)' },
  future_date: { vi: 'Ngày {value} ở tương lai (hôm nay là {today})', en: 'Date {value} is in the future (today is {today})' },
  reported_before_period: {
    vi: 'Ngày báo cáo {value} trước khi kỳ {period} bắt đầu',
    en: 'Reported on {value}, before period {period} began',
  },
  no_entity: { vi: 'Cần mã đơn vị hoặc mã cơ sở', en: 'A unit or a facility code is needed' },
  unknown_unit: {
    vi: 'Mã đơn vị "{value}" không có trong danh mục đơn vị {era}',
    en: 'Unit code "{value}" is not in the {era} unit list',
  },
  unknown_facility: { vi: 'Mã cơ sở "{value}" không có trong danh mục', en: 'Facility code "{value}" is not in the list' },
  facility_not_in_unit: {
    vi: 'Cơ sở {facility} thuộc đơn vị {facility_unit}, không thuộc {value}',
    en: 'Facility {facility} is in unit {facility_unit}, not in {value}',
  },
  wrong_reporter: {
    vi: 'Chỉ số {indicator} do {allowed} báo cáo, không phải {reporter}',
    en: '{indicator} is reported by {allowed}, not by {reporter}',
  },
  unknown_subgroup: {
    vi: 'Nhóm "{value}" không áp dụng cho {indicator} (cho phép: {allowed})',
    en: 'Subgroup "{value}" does not apply to {indicator} (allowed: {allowed})',
  },
  not_a_number: {
    vi: '"{value}" không phải là số (dùng dấu chấm thập phân, không dùng dấu phân cách hàng nghìn)',
    en: '"{value}" is not a number (use a decimal point and no thousands separators)',
  },
  negative: { vi: 'Giá trị âm: {value}', en: 'Negative value: {value}' },
  too_large: { vi: 'Giá trị quá lớn: {value}', en: 'Value too large: {value}' },
  not_whole: { vi: '{value} phải là số nguyên', en: '{value} must be a whole number' },
  ratio_needs_counts: {
    vi: 'Chỉ số tỷ lệ cần tử số và mẫu số (hoặc ít nhất giá trị tỷ lệ)',
    en: 'A ratio needs its numerator and denominator (or at least its value)',
  },
  counts_go_together: { vi: 'Tử số và mẫu số phải đi cùng nhau', en: 'Numerator and denominator go together' },
  zero_denominator: { vi: 'Mẫu số bằng 0', en: 'The denominator is 0' },
  numerator_exceeds_denominator: {
    vi: 'Tử số {value} lớn hơn mẫu số {denominator}, không thể với chỉ số này',
    en: 'Numerator {value} exceeds denominator {denominator}, impossible for this indicator',
  },
  value_mismatch: {
    vi: 'Giá trị {value} không khớp tử số ÷ mẫu số × {factor} = {expected}',
    en: 'Value {value} does not match numerator ÷ denominator × {factor} = {expected}',
  },
  counts_not_allowed: {
    vi: 'Tử số và mẫu số chỉ dùng cho chỉ số tỷ lệ; chỉ số này cần cột value',
    en: 'Numerator and denominator are for ratios only; this indicator takes a value',
  },
  level_out_of_scale: {
    vi: 'Mức {value} phải là số nguyên từ {min} đến {max}',
    en: 'Level {value} must be a whole number from {min} to {max}',
  },
  duplicate_row: {
    vi: 'Trùng số liệu với dòng {first_row} (cùng chỉ số, đơn vị/cơ sở, kỳ, nhóm)',
    en: 'Same figure as row {first_row} (same indicator, unit/facility, period, subgroup)',
  },
  grain_conflict: {
    vi: 'Chuỗi số liệu này đã có số liệu theo {existing_grain} trùng thời gian; gửi cùng loại kỳ để thay thế',
    en: 'This series already has {existing_grain} figures overlapping this period; send the same grain to replace them',
  },
} as const satisfies Record<string, Localized>;

export type RejectionCode = keyof typeof REJECTION_MESSAGES;

export interface Rejection {
  /** The spreadsheet row (the header is row 1); null for a fault of the whole file. */
  row: number | null;
  column: string | null;
  value: string | null;
  code: RejectionCode;
  params: Record<string, string | number>;
}

export function describeRejection(r: Rejection, language: keyof Localized = 'vi'): string {
  const params: Record<string, string | number | null> = { value: r.value ?? '', ...r.params };
  return REJECTION_MESSAGES[r.code][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** "file.csv row 12, column period: …" — where the fault is, then what it is. */
export function locateRejection(fileName: string, r: Rejection, language: keyof Localized = 'vi'): string {
  const where = [fileName, r.row === null ? null : `row ${r.row}`, r.column === null ? null : `column ${r.column}`]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${describeRejection(r, language)}`;
}
