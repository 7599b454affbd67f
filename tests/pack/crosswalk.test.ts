/**
 * The 2024 → 2025 crosswalk derived from an official merge list (issue 18, point 2): names matched
 * within the right district, nothing guessed, splits placed where the name or code was kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCrosswalk, normaliseName, type FormerUnitRow, type MergeRow } from '../../geo/crosswalk.ts';
import { readCsv } from '../../geo/csv.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

describe('normaliseName', () => {
  it('writes names as the official lists since 2025 do: NFC, single spaces, the tone on the first vowel of an open oa/oe/uy', () => {
    expect(normaliseName('  Hoà   Thắng ')).toBe('Hòa Thắng');
    expect(normaliseName('Hoà Thắng'.normalize('NFD'))).toBe('Hòa Thắng');
    expect(normaliseName('Thuỷ Bằng')).toBe('Thủy Bằng');
    expect(normaliseName('Khoẻ')).toBe('Khỏe');
    // Not where the vowel is followed by a consonant, nor after q.
    expect(normaliseName('Hoàng')).toBe('Hoàng');
    expect(normaliseName('Quý')).toBe('Quý');
    expect(normaliseName('Phan Rang - Tháp Chàm')).toBe('Phan Rang–Tháp Chàm');
  });
});

// A small province: two districts that both have a "Xã Tân Hòa", a split commune, a name written
// the old way, a district named in brackets, a commune kept as it was, and one the list forgets.
const units = (rows: string[]): FormerUnitRow[] =>
  rows.map((r) => {
    const [level, code, name, type, parent_code] = r.split(',');
    return { level: level!, code: code!, name: name!, type: type!, parent_code: parent_code! };
  });
const FORMER = units([
  'province,90,Tỉnh Mẫu,Tỉnh,',
  'district,901,Đông,Huyện,90',
  'district,902,Tây,Thị xã,90',
  'commune,10001,Tân Hòa,Xã,901',
  'commune,10002,An Bình,Xã,901',
  'commune,10003,Bình Minh,Thị trấn,901',
  'commune,10004,Tân Hòa,Xã,902',
  'commune,10005,Phú Thủy,Phường,902',
  'commune,10006,Lạc Long,Xã,902',
  'commune,10007,Sơn Kim,Xã,902',
  'commune,10008,Hải Vân,Xã,902',
  'commune,10009,Hải Đông,Xã,902',
  'commune,10010,Bến Đá,Xã,902',
  'commune,10011,Hải Nam,Xã,902',
]);
const COMMUNES = [
  { code: '10001', name: 'Tân Hòa', full_name: 'Xã Tân Hòa' },
  { code: '10004', name: 'Tây Hòa', full_name: 'Phường Tây Hòa' },
  { code: '10006', name: 'Lạc Long', full_name: 'Xã Lạc Long' },
  { code: '10008', name: 'Hải Vân', full_name: 'Xã Hải Vân' },
  { code: '10011', name: 'Hải Nam', full_name: 'Xã Hải Nam' },
];
const merges = (rows: [string, string, string][]): MergeRow[] => rows.map(([code, name, from], i) => ({ line: i + 2, new_commune_code: code, new_commune_full_name: name, formed_from: from }));
const MERGES = merges([
  // "Xã Tân Hòa" without a district: the home district (of the code kept, 10001) decides.
  ['10001', 'Xã Tân Hòa', 'Xã Tân  Hoà, Xã An Bình, Thị trấn Bình Minh'],
  // Named in brackets: the other Tân Hòa. Phú Thủy written the old way; Lạc Long split (code kept by 10006).
  ['10004', 'Phường Tây Hòa', 'Xã Tân Hòa (thị xã Tây), Phường Phú Thuỷ, Xã Lạc Long (phần còn lại sau khi sáp nhập vào xã Lạc Long)'],
  // Hải Đông split between Lạc Long and Hải Nam, neither of which kept its name or code.
  ['10006', 'Xã Lạc Long', 'Xã Lạc Long, Xã Sơn Kim, Xã Hải Đông'],
  // Hải Vân kept as it was.
  ['10008', 'Xã Hải Vân', 'giữ nguyên'],
  ['10011', 'Xã Hải Nam', 'Xã Hải Nam, Xã Hải Đông, Xã Hải Xuân'],
]);
const files = { merges: 'merges.csv', decisions: 'decisions.csv' };

describe('deriveCrosswalk on a small province', () => {
  const derived = deriveCrosswalk({ files, merges: MERGES, formerUnits: FORMER, communes: COMMUNES });
  const placed = Object.fromEntries(derived.rows.map((r) => [r.oldCode, r.newCode]));

  it('matches names within the right district: the bracketed one, else the district of the code kept', () => {
    expect(placed['10001']).toBe('10001');
    expect(placed['10004']).toBe('10004');
    expect(placed['10002']).toBe('10001');
    expect(placed['10003']).toBe('10001');
    expect(placed['10005']).toBe('10004'); // "Phú Thuỷ" is Phú Thủy
    expect(placed['10007']).toBe('10006');
  });

  it('places a split commune in the new commune that kept its code, and records the split', () => {
    expect(placed['10006']).toBe('10006');
    expect(derived.splits.get('10006')).toEqual(['10006', '10004']);
    expect(derived.rows.find((r) => r.oldCode === '10006')!.basis).toMatch(/tách: phần khác vào 10004 Tây Hòa \(phần còn lại\); đặt vào xã giữ mã/);
  });

  it('reads "giữ nguyên" as the old commune of the same code', () => {
    expect(placed['10008']).toBe('10008');
  });

  it('reports, never guesses: an unknown name, a split nobody kept, a commune the list forgets', () => {
    expect(derived.problems.map((p) => [p.kind, p.line, p.subject])).toEqual([
      ['unmatched', 6, 'Xã Hải Xuân'],
      ['split_unresolved', 4, '10009 Hải Đông'],
      ['not_listed', null, '10010 Bến Đá'],
    ]);
    expect(placed['10009']).toBeUndefined();
    expect(placed['10010']).toBeUndefined();
    expect(derived.problems[1]!.vi).toContain('cần quyết định trong decisions.csv');
    expect(derived.problems[1]!.en).toContain('none kept its code or name');
  });

  it('reports a name that fits two districts when the district cannot tell', () => {
    // A new commune of a third district, which has no Tân Hòa of its own.
    const north = units(['district,903,Bắc,Huyện,90', 'commune,10012,Bắc Sơn,Xã,903']);
    const twice = deriveCrosswalk({ files, merges: merges([['10012', 'Xã Bắc Sơn', 'Xã Bắc Sơn, Xã Tân Hòa']]), formerUnits: [...FORMER, ...north], communes: [{ code: '10012', name: 'Bắc Sơn', full_name: 'Xã Bắc Sơn' }] });
    expect(twice.problems.filter((p) => p.kind === 'ambiguous')).toHaveLength(1);
    expect(twice.problems[0]).toMatchObject({ kind: 'ambiguous', line: 2, subject: 'Xã Tân Hòa' });
    expect(twice.problems[0]!.vi).toMatch(/khớp nhiều xã cũ: 10001 Xã Tân Hòa \(Đông\); 10004 Xã Tân Hòa \(Tây\)/);
  });

  it('takes a hand decision, with its reason, for what the list cannot place; and refuses one for what it does', () => {
    const decided = deriveCrosswalk({
      files,
      merges: MERGES,
      formerUnits: FORMER,
      communes: COMMUNES,
      decisions: [
        { line: 2, old_commune_code: '10009', new_commune_code: '10011', reason: 'phần lớn diện tích (bản đồ địa chính)' },
        { line: 3, old_commune_code: '10010', new_commune_code: '', reason: 'không rõ' },
        { line: 4, old_commune_code: '10002', new_commune_code: '10008', reason: 'thử' },
      ],
    });
    expect(decided.rows.find((r) => r.oldCode === '10009')).toMatchObject({ newCode: '10011', basis: 'decisions.csv dòng 2: phần lớn diện tích (bản đồ địa chính)' });
    expect(decided.rows.find((r) => r.oldCode === '10010')).toBeUndefined();
    expect(decided.rows.find((r) => r.oldCode === '10002')!.newCode).toBe('10001');
    expect(decided.problems.map((p) => [p.kind, p.file, p.line])).toEqual([
      ['unmatched', 'merges.csv', 6],
      ['decision_invalid', 'decisions.csv', 4],
    ]);
  });

  it('lets a decision account for a name of the list no 2024 unit matches, only in that name’s row', () => {
    // As a list naming a unit by an intermediate reorganisation's name: "Xã Hải Xuân" (line 6, Hải Nam's row) stands for Bến Đá.
    const decided = deriveCrosswalk({
      files,
      merges: MERGES,
      formerUnits: FORMER,
      communes: COMMUNES,
      decisions: [
        { line: 2, old_commune_code: '10010', new_commune_code: '10011', reason: 'tên mới của Bến Đá (danh mục trung gian)', merge_list_name: 'Xã Hải Xuân' },
        { line: 3, old_commune_code: '10009', new_commune_code: '10001', reason: 'thử', merge_list_name: 'Xã Hải Đông' },
      ],
    });
    expect(decided.rows.find((r) => r.oldCode === '10010')).toMatchObject({ newCode: '10011' });
    // Hải Xuân is accounted for; "Xã Hải Đông" is no unmatched name of Tân Hòa's row, so that decision is refused.
    expect(decided.problems.map((p) => [p.kind, p.file, p.line])).toEqual([['decision_invalid', 'decisions.csv', 3]]);
    expect(decided.problems[0]!.vi).toContain('"Xã Hải Đông" không phải tên chưa khớp nào trong dòng của xã mới 10001');
  });
});

describe('deriveCrosswalk on the official Khánh Hòa list', () => {
  // The sources of the khanh-hoa pack (npm run pack -- new khanh-hoa …), as published.
  const sources = join(repoRoot, 'geo', 'sources');
  const derived = deriveCrosswalk({
    files: { merges: 'merges_khanh_hoa_2025.csv', decisions: 'crosswalk-decisions.csv' },
    merges: readCsv<MergeRow>(join(sources, 'merges_khanh_hoa_2025.csv')),
    formerUnits: ['gso_units_khanh_hoa_2024.csv', 'gso_units_ninh_thuan_2024.csv'].flatMap((f) => readCsv<FormerUnitRow>(join(sources, f))),
    communes: (JSON.parse(readFileSync(join(sources, 'khanh_hoa_2025_communes.geojson'), 'utf8')) as { features: { properties: { code: string; name: string; full_name: string } }[] }).features.map(
      (f) => f.properties,
    ),
  });

  it('matches every name of the list to one old commune, and names what it cannot place', () => {
    expect(derived.problems.filter((p) => !['split_unresolved', 'not_listed'].includes(p.kind))).toEqual([]);
    // Cam Lâm's communes split between Cam Hiệp, Cam Lâm, Cam An and Suối Dầu, none keeping their name or code.
    expect(derived.problems.filter((p) => p.kind === 'split_unresolved').map((p) => p.oldCode).sort()).toEqual(['22438', '22450', '22456', '22471', '22711']);
    // Three wards of Phan Rang–Tháp Chàm that the list's row for Phường Phan Rang leaves out.
    expect(derived.problems.filter((p) => p.kind === 'not_listed').map((p) => p.oldCode).sort()).toEqual(['22750', '22753', '22756']);
    expect(derived.rows).toHaveLength(197 - 8);
    expect([...derived.splits]).toEqual([
      ['22435', ['22435', '22453', '22708']], // Cam Tân: Cam Hiệp kept its code
      ['22465', ['22465', '22453']], // Cam An Bắc: Cam An kept its code
      ['22768', ['22780', '22888']], // Đông Hải: Phường Đông Hải kept its name, part went to Phước Dinh
    ]);
  });

  it('agrees with the hand-made Ninh Thuận crosswalk (area shares) on 62 of 65 communes; the 3 others the list does not name', () => {
    const hand = loadPack(readConfig({}).packDir).crosswalk;
    const placed = new Map(derived.rows.map((r) => [r.oldCode, r.newCode]));
    const disagree = hand.filter((h) => placed.get(h.oldCommuneCode) !== h.newCommuneCode);
    expect(hand).toHaveLength(65);
    // Thanh Sơn, Mỹ Hương and Tấn Tài: the area shares put 85–97% of each in Phường Phan Rang.
    expect(disagree.map((h) => [h.oldCommuneCode, h.newCommuneCode, placed.get(h.oldCommuneCode)])).toEqual([
      ['22750', '22759', undefined],
      ['22753', '22759', undefined],
      ['22756', '22759', undefined],
    ]);
    // The split Đông Hải: 59% of it in Đông Hải by area, where the kept name places it too.
    expect(hand.find((h) => h.oldCommuneCode === '22768')).toMatchObject({ newCommuneCode: '22780', areaShare: 0.59 });
  });
});
