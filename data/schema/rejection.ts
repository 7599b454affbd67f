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
  upload_too_large: {
    vi: 'Tệp tải lên lớn hơn giới hạn {max} (IOC_MAX_UPLOAD): chia nhỏ tệp',
    en: 'The upload is larger than the limit of {max} (IOC_MAX_UPLOAD): split the file',
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
  duplicate_column: { vi: 'Cột "{value}" xuất hiện hai lần trong dòng tiêu đề; giữ một cột', en: 'Column "{value}" appears twice in the header; keep one' },
  header_not_found: {
    vi: 'Không tìm thấy dòng tiêu đề cột trong {rows} dòng đầu: cần một dòng có các cột {required} (các cột dùng được: {allowed})',
    en: 'No header row in the first {rows} rows: one row must name the columns {required} (columns: {allowed})',
  },
  csv_too_many_columns: {
    vi: 'Dòng có {found} ô, trong khi dòng tiêu đề có {expected} cột: thừa dấu phân cách, hoặc một giá trị có dấu phẩy mà thiếu ngoặc kép',
    en: 'The line has {found} cells while the header has {expected} columns: an extra delimiter, or a value with a comma that is not quoted',
  },
  csv_unterminated_quote: {
    vi: 'Dấu ngoặc kép mở ở dòng này không được đóng: phần còn lại của tệp không đọc được; đóng ngoặc kép hoặc bỏ nó đi',
    en: 'A double quote opened on this line is never closed, so the rest of the file cannot be read; close or remove it',
  },
  csv_other_delimiter: {
    vi: 'Dòng này dùng dấu "{value}" trong khi dòng tiêu đề dùng dấu "{delimiter}": cả tệp phải dùng một loại dấu phân cách',
    en: 'This line is separated by "{value}" while the header uses "{delimiter}": the whole file must use one delimiter',
  },
  csv_line_too_long: { vi: 'Dòng quá dài, không đọc được', en: 'The line is too long to read' },
  csv_bad_line: { vi: 'Dòng không đọc được theo định dạng CSV ({detail})', en: 'The line is not valid CSV ({detail})' },
  error_cell: {
    vi: 'Ô báo lỗi của bảng tính ({value}); sửa công thức gốc rồi xuất lại giá trị',
    en: 'The cell holds a spreadsheet error ({value}); fix its formula and export the values again',
  },
  date_cell: {
    vi: 'Ô kiểu ngày tháng ({value}) ở cột số liệu: định dạng ô là số hoặc văn bản',
    en: 'A date cell ({value}) in a figures column: format the cell as a number or as text',
  },
  date_cell_unclear: {
    vi: 'Ô kỳ báo cáo kiểu ngày tháng có định dạng "{format}" không cho biết là ngày, tháng hay năm: ghi kỳ dạng văn bản, như 2024-05 hoặc 2024-05-17',
    en: 'The period is a date cell whose format "{format}" shows no clear day, month or year: write the period as text, like 2024-05 or 2024-05-17',
  },
  date_cell_not_a_day: {
    vi: 'Ngày báo cáo là ô ngày tháng có định dạng "{format}" không hiện ngày: định dạng dd/mm/yyyy hoặc ghi 2024-05-17',
    en: 'The reporting day is a date cell whose format "{format}" shows no day: format it dd/mm/yyyy or write 2024-05-17',
  },
  several_sheets: {
    vi: 'Tệp có số liệu trên nhiều trang tính ({sheets}): tải lên từng trang một, chọn trang bằng tham số sheet=',
    en: 'The workbook has figures on several sheets ({sheets}): upload one sheet at a time, choosing it with sheet=',
  },
  sheet_not_found: { vi: 'Không có trang tính "{value}" (các trang: {sheets})', en: 'No sheet "{value}" (sheets: {sheets})' },
  merged_header: {
    vi: 'Dòng tiêu đề (dòng {row}) có ô gộp ({value}): bỏ gộp ô để mỗi cột có một tên',
    en: 'The header row (row {row}) has merged cells ({value}): unmerge them so each column has its own name',
  },
  merged_cells: {
    vi: 'Vùng số liệu có {count} ô gộp ({value}): một ô gộp trải trên nhiều dòng hoặc cột không biết thuộc dòng nào; bỏ gộp ô và ghi giá trị vào từng ô',
    en: 'The figures have {count} merged ranges ({value}): a merged cell spanning rows or columns belongs to none of them; unmerge and fill each cell',
  },
  xlsx_too_many_rows: {
    vi: 'Trang "{sheet}" có quá {max} dòng (giới hạn của tệp XLSX): chia nhỏ tệp, hoặc gửi dạng CSV; xoá các dòng trống đã định dạng phía dưới số liệu',
    en: 'Sheet "{sheet}" has more than {max} rows (the XLSX limit): split the file or send it as CSV; delete formatted empty rows below the figures',
  },
  xlsx_too_many_columns: {
    vi: 'Trang "{sheet}" có quá {max} cột (giới hạn của tệp XLSX): chỉ giữ các cột của mẫu nhập',
    en: 'Sheet "{sheet}" has more than {max} columns (the XLSX limit): keep only the columns of the format',
  },
  xlsx_inflated_too_large: {
    vi: 'Tệp XLSX khi giải nén vượt quá {max} byte ở phần {part}: chia nhỏ tệp hoặc gửi dạng CSV',
    en: 'The XLSX inflates past {max} bytes in {part}: split the file or send it as CSV',
  },
  missing: { vi: 'Thiếu giá trị', en: 'Missing value' },
  unknown_indicator: { vi: 'Mã chỉ số "{value}" không có trong danh mục', en: 'Indicator code "{value}" is not in the catalogue' },
  bad_period: {
    vi: '"{value}" không phải kỳ báo cáo: viết 2024-05-17 (ngày), 2024-W20 (tuần), 2024-05 (tháng), 2024-Q2 (quý), 2024-H1 (6 tháng đầu năm) hoặc 2024 (năm)',
    en: '"{value}" is not a period: write 2024-05-17 (day), 2024-W20 (week), 2024-05 (month), 2024-Q2 (quarter), 2024-H1 (first half) or 2024 (year)',
  },
  period_looks_like: {
    vi: '"{value}" không theo mẫu ghi kỳ báo cáo; nếu là {suggestion} thì viết {suggestion}',
    en: '"{value}" is not in the period notation; if {suggestion} is meant, write {suggestion}',
  },
  period_excel_serial: {
    vi: '"{value}" là số ngày của Excel (= {day}), không phải kỳ báo cáo: định dạng cột kỳ là văn bản và ghi 2024-01 hoặc 2024-01-01',
    en: '"{value}" is an Excel day number (= {day}), not a period: format the period column as text and write 2024-01 or 2024-01-01',
  },
  period_year: { vi: '"{value}": năm phải từ {min} đến {max}', en: '"{value}": the year must be from {min} to {max}' },
  no_such_date: { vi: '"{value}" không phải ngày có trên lịch', en: '"{value}" is not a calendar date' },
  no_such_week: { vi: '"{value}": năm {year} có các tuần ISO từ 1 đến {weeks}', en: '"{value}": {year} has ISO weeks 1 to {weeks}' },
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
    vi: 'Mã đơn vị "{value}" không có trong {list_vi}',
    en: 'Unit code "{value}" is not in {list_en}',
  },
  former_province_part: {
    vi: 'Mã "{value}" là tỉnh {name} cũ, nay chỉ là một phần của tỉnh {province}: số liệu cả tỉnh cũ không dùng được làm số liệu của tỉnh {province}. Hãy gửi theo khu vực y tế, xã/phường hoặc cơ sở',
    en: 'Code "{value}" is the former province of {name}, now only a part of {province}: its total cannot stand for {province}\'s. Send the figures by health area, commune or facility',
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
    vi: '"{value}" không phải là số: chỉ dùng chữ số 0–9, với tỷ lệ thì dấu chấm thập phân (46.04)',
    en: '"{value}" is not a number: use the digits 0–9 only, and for a rate a decimal point (46.04)',
  },
  negative: { vi: 'Giá trị âm: {value}; số liệu y tế không âm', en: 'Negative value: {value}; health figures are not negative' },
  too_large: { vi: 'Giá trị quá lớn: {value}; kiểm tra lại (có thể gõ thừa chữ số)', en: 'Value too large: {value}; check it (an extra digit?)' },
  count_with_point: {
    vi: 'Số đếm "{value}" có dấu chấm: số đếm là số nguyên, không có phần thập phân, và không dùng dấu chấm phân cách hàng nghìn (viết 1000, không viết 1.000)',
    en: 'Count "{value}" has a point: a count is a whole number, with no fractional part and no thousands separator (write 1000, not 1.000)',
  },
  number_points: {
    vi: '"{value}" có nhiều dấu chấm: không dùng dấu phân cách hàng nghìn (viết 1234567, không viết 1.234.567)',
    en: '"{value}" has several points: no thousands separators (write 1234567, not 1.234.567)',
  },
  number_comma: {
    vi: '"{value}" có dấu phẩy: dùng dấu chấm thập phân (46.04, không viết 46,04) và không dùng dấu phân cách hàng nghìn (1234, không viết 1,234)',
    en: '"{value}" has a comma: use a decimal point (46.04, not 46,04) and no thousands separator (1234, not 1,234)',
  },
  number_mixed_separators: {
    vi: '"{value}" có cả dấu chấm và dấu phẩy nên đọc được hai cách; bỏ dấu phân cách hàng nghìn và dùng dấu chấm thập phân (1234.5)',
    en: '"{value}" has both points and commas, so it reads two ways; drop the thousands separators and use a decimal point (1234.5)',
  },
  number_spaces: {
    vi: '"{value}" có dấu cách giữa các chữ số; viết liền, không phân cách hàng nghìn (1234)',
    en: '"{value}" has spaces between its digits; write it without thousands separators (1234)',
  },
  number_percent: {
    vi: '"{value}" có dấu %: ghi tỷ lệ là số không có dấu % (46.04), hoặc gửi tử số và mẫu số',
    en: '"{value}" has a % sign: write the rate as a number without % (46.04), or send the numerator and denominator',
  },
  number_exponent: {
    vi: '"{value}" viết dạng lũy thừa (E): ghi đủ các chữ số (1000, không viết 1E3); định dạng cột là số trước khi xuất',
    en: '"{value}" is in exponent form (E): write all its digits (1000, not 1E3); format the column as a number before exporting',
  },
  number_not_ascii: {
    vi: '"{value}" có chữ số không phải 0–9 (chữ số toàn góc hoặc của hệ chữ khác): gõ lại bằng chữ số 0–9',
    en: '"{value}" has digits other than 0–9 (full-width or another script\'s): type it with 0–9',
  },
  number_ambiguous_point: {
    vi: '"{value}" đọc được hai cách (số thập phân, hoặc hàng nghìn với dấu chấm): gửi kèm tử số và mẫu số, hoặc ghi số chữ số thập phân khác 3 (vd. {value}0)',
    en: '"{value}" reads two ways (a decimal, or thousands with a point): send the numerator and denominator, or write other than 3 decimals (e.g. {value}0)',
  },
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
  rate_above_whole: {
    vi: 'Tỷ lệ {value} lớn hơn {max}: {indicator} là một phần của tổng nên không vượt quá {max}. Ghi tỷ lệ từ 0 đến {max} (vd. 97.28 cho 97,28%), hoặc gửi tử số và mẫu số',
    en: 'Rate {value} is above {max}: {indicator} is a part of a whole, so it cannot exceed {max}. Write a rate from 0 to {max} (e.g. 97.28 for 97.28%), or send the numerator and denominator',
  },
  rate_looks_like_fraction: {
    vi: 'Tỷ lệ {value} trông như một phân số ({value_vi} = {percent_vi}%?): ghi tỷ lệ theo phần trăm ({percent}, không viết {value}), hoặc gửi tử số và mẫu số; nếu đúng là {value_vi}% thì ghi % vào cột rate_unit của dòng này',
    en: 'Rate {value} looks like a fraction ({value} = {percent}%?): write the rate in percent ({percent}, not {value}), or send the numerator and denominator; if it really is {value}%, write % in this row\'s rate_unit column',
  },
  bad_rate_unit: {
    vi: 'Cột rate_unit chỉ nhận dấu %, nghĩa là tỷ lệ của dòng này ghi theo phần trăm (0.55 là 0,55%): ghi % hoặc để trống',
    en: 'The rate_unit column takes only %, meaning this row\'s rate is written in percent (0.55 is 0.55%): write % or leave it empty',
  },
  rate_unit_not_percentage: {
    vi: '{indicator} không phải chỉ số tỷ lệ phần trăm nên cột rate_unit không áp dụng: để trống ô này',
    en: '{indicator} is not a percentage, so the rate_unit column does not apply: leave this cell empty',
  },
  count_percent_cell: {
    vi: 'Ô {cell} là số đếm nhưng có định dạng phần trăm: ô chứa {raw}, bảng tính hiện {value}%, nên không rõ số đếm là {raw} hay {value}. Định dạng ô là số (Number hoặc General), ghi đúng số đếm rồi gửi lại',
    en: 'Cell {cell} holds a count but is formatted as a percentage: it holds {raw} and shows {value}%, so whether the count is {raw} or {value} is not known. Format the cell as a number (Number or General), write the count and send it again',
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
  total_and_breakdown: {
    vi: 'Tệp có cả tổng (dòng này) và số liệu chia theo {dimension} (dòng {breakdown_row}) của cùng đơn vị và kỳ: tổng được tính từ các nhóm, chỉ gửi một trong hai',
    en: 'The file has both the total (this row) and figures by {dimension} (row {breakdown_row}) for one reporter and period: the total is their sum; send one of the two',
  },
  grain_conflict: {
    vi: 'Chuỗi số liệu này đã có số liệu theo {existing_grain} trùng thời gian; gửi cùng loại kỳ để thay thế',
    en: 'This series already has {existing_grain} figures overlapping this period; send the same grain to replace them',
  },
  grain_conflict_in_file: {
    vi: 'Kỳ {value} trùng thời gian với số liệu theo {grain_vi} của cùng chỉ số, đơn vị/cơ sở và nhóm ở dòng {other_row}: cộng lại sẽ tính hai lần. Mỗi chuỗi số liệu chỉ gửi một loại kỳ (chỉ các tháng, hoặc chỉ quý)',
    en: 'Period {value} overlaps the {grain_en} figures of the same indicator, unit or facility and subgroup in row {other_row}: added up they would count twice. Send one grain per series (the months only, or the quarter only)',
  },
  total_with_parts: {
    vi: 'Dòng này là số tổng của {value} ({total}), nhưng tệp cũng có số liệu của đơn vị, cơ sở trực thuộc trong cùng thời gian ở dòng {part_rows} ({parts} dòng), cộng lại là {sum}: cộng cả tổng lẫn các phần sẽ tính hai lần. Bỏ dòng tổng, hoặc sửa cho bằng tổng các dòng trực thuộc (khi đó dòng tổng chỉ được giữ để đối chiếu, không cộng thêm)',
    en: 'This row is the total of {value} ({total}), but the file also has figures of units or facilities under it for the same days, in row(s) {part_rows} ({parts} in all), which add up to {sum}: adding the total to its parts would count them twice. Remove the total row, or make it equal to the sum of the rows under it (it is then kept as a check only, never added)',
  },
  total_with_parts_uncompared: {
    vi: 'Dòng này là số tổng của {value}, nhưng tệp cũng có số liệu của đơn vị, cơ sở trực thuộc trùng thời gian ở dòng {part_rows} ({parts} dòng) theo kỳ khác, hoặc chỉ có tỷ lệ mà không có tử số và mẫu số, nên không đối chiếu được với tổng: cộng cả hai sẽ tính hai lần. Bỏ dòng tổng, hoặc gửi nó cùng kỳ và cùng dạng (tử số, mẫu số) với các dòng trực thuộc',
    en: 'This row is the total of {value}, but the file also has figures of units or facilities under it overlapping its days, in row(s) {part_rows} ({parts} in all), for other periods or as rates without counts, so they cannot be checked against it: adding both would count them twice. Remove the total row, or send it for the same period and in the same form (numerator and denominator) as the rows under it',
  },
  exchange_no_mapping: {
    vi: 'Gói tỉnh này chưa có bảng ánh xạ DHIS2/ADX (dhis2-mapping.yaml) nên không nhập được tệp DHIS2 hay ADX; gửi tệp theo mẫu nhập của hệ thống',
    en: 'This pack has no DHIS2/ADX mapping (dhis2-mapping.yaml), so DHIS2 and ADX files cannot be loaded; send the figures in this system\'s format',
  },
  exchange_too_many_values: {
    vi: 'Tệp có hơn {max} giá trị: chia nhỏ tệp',
    en: 'The file has more than {max} data values: split it',
  },
  exchange_unmapped_data_element: {
    vi: 'Phần tử dữ liệu "{value}" chưa có trong bảng ánh xạ ({file}): bổ sung sau khi rà soát rồi gửi lại',
    en: 'Data element "{value}" is not in the mapping ({file}): add it once reviewed, then send again',
  },
  exchange_unmapped_org_unit: {
    vi: 'Đơn vị tổ chức "{value}" chưa có trong bảng ánh xạ ({file}): bổ sung sau khi rà soát rồi gửi lại',
    en: 'Org unit "{value}" is not in the mapping ({file}): add it once reviewed, then send again',
  },
  exchange_unmapped_combo: {
    vi: 'Tổ hợp phân tổ "{value}" chưa có trong bảng ánh xạ ({file}): bổ sung sau khi rà soát rồi gửi lại',
    en: 'Category option combo "{value}" is not in the mapping ({file}): add it once reviewed, then send again',
  },
  exchange_unmapped_category: {
    vi: 'Phân tổ "{category}" = "{value}" chưa có trong bảng ánh xạ ({file}): bổ sung sau khi rà soát rồi gửi lại',
    en: 'Disaggregation "{category}" = "{value}" is not in the mapping ({file}): add it once reviewed, then send again',
  },
  exchange_several_categories: {
    vi: 'Giá trị chia theo nhiều phân tổ cùng lúc ({value}): mỗi số liệu ở đây chỉ chia theo một phân tổ; gửi theo từng phân tổ',
    en: 'The value is split by several disaggregations at once ({value}): a figure here is split by one only; send one at a time',
  },
  exchange_attribute_combo: {
    vi: 'Tổ hợp thuộc tính "{value}" không phải tổ hợp mặc định (số tổng): hệ thống không giữ phân tổ theo thuộc tính; gửi số tổng',
    en: 'Attribute option combo "{value}" is not the default (the total): attribute disaggregations are not kept here; send the total',
  },
  exchange_period_type: {
    vi: 'Kỳ "{value}" thuộc loại kỳ {type}, không trùng kỳ nào ở đây (ngày, tuần ISO, tháng, quý, 6 tháng, năm): không quy đổi; gửi theo một trong các loại kỳ đó',
    en: 'Period "{value}" is of type {type}, which matches none here (day, ISO week, month, quarter, half-year, year): it is not converted; send one of those',
  },
  exchange_bad_period: {
    vi: '"{value}" không phải kỳ báo cáo {notation}: viết {forms}',
    en: '"{value}" is not a {notation} period: write {forms}',
  },
  exchange_grain_not_taken: {
    vi: 'Kỳ {value} là kỳ {grain_vi}; {indicator} chỉ nhận số liệu theo {grains_vi} (bảng ánh xạ, trường grains): không quy đổi',
    en: 'Period {value} is a {grain_en}; {indicator} takes figures by {grains_en} only (the mapping\'s grains): it is not converted',
  },
  exchange_deleted: {
    vi: 'Giá trị đánh dấu xoá (deleted): tệp nhập không xoá số liệu; bỏ giá trị này khỏi tệp',
    en: 'The value is marked deleted: an import does not delete figures; leave it out of the file',
  },
  exchange_conflicting_header: {
    vi: '"{value}" khác {field} của cả tập dữ liệu ("{header}"): không rõ số liệu thuộc về đâu',
    en: '"{value}" differs from the data set\'s {field} ("{header}"): which one is meant is not known',
  },
  exchange_part_refused: {
    vi: 'Một phần của số liệu này (dòng {part_row}) bị từ chối: số liệu không được nhận thiếu phần đó',
    en: 'A part of this figure (row {part_row}) is refused: the figure is not taken without it',
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

/** "file.csv, dòng 12, cột period: …" — where the fault is, then what it is, in the reader's language. */
export function locateRejection(fileName: string, r: Rejection, language: keyof Localized = 'vi'): string {
  const [row, column] = language === 'vi' ? ['dòng', 'cột'] : ['row', 'column'];
  const where = [fileName, r.row === null ? null : `${row} ${r.row}`, r.column === null ? null : `${column} ${r.column}`]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${describeRejection(r, language)}`;
}
