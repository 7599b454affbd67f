/**
 * The 2024 → 2025 crosswalk derived from an official merge list (which old communes each new
 * commune was formed from), the 2024 GSO unit lists and the 2025 communes. Pure: rows in, rows
 * and problems out.
 *
 * The merge lists are Vietnamese text: old names repeat across districts, tone marks sit in the
 * old or the new place ("Hoà"/"Hòa"), spaces stray. A name is matched only where one old commune
 * fits; every name that fits none or several is reported, never guessed. Where an old commune was
 * split over several new ones, it is placed in the one that kept its code or its name, and the
 * split is recorded; where none did, a hand decision (with its reason) must place it, or leave it
 * unplaced on purpose.
 */
import { csvLine } from './csv.ts';

/** A row of a 2024 GSO unit list (gso_units_*_2024.csv). */
export interface FormerUnitRow {
  level: string;
  code: string;
  name: string;
  type: string;
  parent_code: string;
}

/** A row of a merge list (merges_*_2025.csv), with its line in the file for messages. */
export interface MergeRow {
  line: number;
  new_commune_code: string;
  new_commune_full_name: string;
  formed_from: string;
}

/** A commune of the 2025 map (the GeoJSON's properties). */
export interface NewCommune {
  code: string;
  name: string;
  full_name: string;
}

/** A hand decision for an old commune the list cannot place: a new commune, or '' to leave it unplaced. */
export interface CrosswalkDecision {
  line: number;
  old_commune_code: string;
  new_commune_code: string;
  reason: string;
  /**
   * Optional: the name, as the merge list writes it in the row of new_commune_code, that this
   * decision accounts for. Lists name some units as an intermediate reorganisation left them (a
   * commune turned ward, two communes merged under a new name), which no 2024 unit matches; once a
   * decision with its evidence says which old communes that name stands for, it is no longer unmatched.
   */
  merge_list_name?: string;
}

export interface DerivedRow {
  oldCode: string;
  oldName: string;
  oldDistrictCode: string;
  newCode: string;
  newName: string;
  /** Why here: the list's line, a split and who kept the name or code, or the decision's reason. */
  basis: string;
}

export type ProblemKind =
  | 'unmatched' // a name of the list fits no old commune
  | 'ambiguous' // a name fits several old communes, and the district does not tell which
  | 'unreadable' // text of the list that is not "Type Name (note)"
  | 'split_unresolved' // an old commune in several new ones, none of which kept its code or name
  | 'not_listed' // an old commune of the 2024 lists named by no row of the merge list
  | 'new_not_on_map' // a row for a new commune the 2025 map does not have
  | 'new_not_listed' // a commune of the 2025 map without a row in the list
  | 'new_name_differs' // the list and the map name the new commune differently
  | 'decision_invalid'; // a hand decision naming unknown communes, or for a commune the list places

export interface Problem {
  kind: ProblemKind;
  /** Where: "merges_khanh_hoa_2025.csv, dòng 12" and the like, the file named by the caller. */
  file: string;
  line: number | null;
  /** The name or code concerned. */
  subject: string;
  /** The old commune left without a place, for split_unresolved and not_listed. */
  oldCode?: string;
  vi: string;
  en: string;
}

export interface DerivedCrosswalk {
  rows: DerivedRow[];
  problems: Problem[];
  /** Old communes split over several new ones: code → the new communes, the one it is placed in first. */
  splits: Map<string, string[]>;
}

/** Tone marks (NFD): grave, acute, hook above, tilde, dot below. */
const TONE = '[\\u0300\\u0301\\u0309\\u0303\\u0323]';
/**
 * Old-style tone placement on the last vowel of an open oa, oe, uy (hoà, khoẻ, thuỷ) moved to the
 * first (hòa, khỏe, thủy), the style of the official lists since 2025. Only at the end of a
 * syllable (hoàng is right as written) and not after q (quý is too).
 */
const OLD_TONES = [new RegExp(`(?<![qQ])([oO])([aAeE])(${TONE})(?![\\p{L}\\p{M}])`, 'gu'), new RegExp(`(?<![qQ])([uU])([yY])(${TONE})(?![\\p{L}\\p{M}])`, 'gu')];

/**
 * A name as a place name is written: NFC, single spaces, no stray spaces, tone marks in the new
 * place, an en dash for a hyphen between the parts of a compound name ("Phan Rang–Tháp Chàm").
 */
export function normaliseName(name: string): string {
  let text = name.normalize('NFD').replace(/\s+/g, ' ').trim();
  for (const pattern of OLD_TONES) text = text.replace(pattern, '$1$3$2');
  return text.normalize('NFC').replace(/\s*-\s*/g, '–');
}

/** The key names are matched by: the normal name, lower case. */
const key = (name: string) => normaliseName(name).toLocaleLowerCase('vi');

const TYPES = ['Thị trấn', 'Xã', 'Phường', 'Đặc khu'];
const DISTRICT_TYPES = ['huyện', 'thị xã', 'thành phố', 'quận'];

/** "Thị trấn Tân Sơn" → type and name; a name without a known type keeps type null. */
export function splitType(fullName: string): { type: string | null; name: string } {
  const text = normaliseName(fullName);
  for (const type of TYPES)
    if (text.toLocaleLowerCase('vi').startsWith(`${type.toLocaleLowerCase('vi')} `)) return { type, name: text.slice(type.length + 1) };
  return { type: null, name: text };
}

interface Item {
  text: string;
  type: string | null;
  name: string;
  /** "(huyện Châu Thành)": the former district the name lies in. */
  district: string | null;
  /** "(phần còn lại sau khi sáp nhập vào …)": only the rest of a split commune. */
  remainder: boolean;
}

/** The items of "Xã A, Xã B (huyện C), Xã D (phần còn lại …)": commas inside brackets do not split. */
function items(formedFrom: string): (Item | { unreadable: string })[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of formedFrom) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => normaliseName(p))
    .filter((p) => p !== '')
    .map((text) => {
      const m = /^([^()]+?)\s*(?:\(([^()]*)\))?$/.exec(text);
      if (!m) return { unreadable: text };
      const { type, name } = splitType(m[1]!);
      const note = m[2] ? normaliseName(m[2]) : null;
      const lower = note?.toLocaleLowerCase('vi') ?? '';
      const districtType = DISTRICT_TYPES.find((t) => lower.startsWith(`${t} `));
      if (note && !districtType && !lower.startsWith('phần còn lại')) return { unreadable: text };
      return { text, type, name, district: districtType ? note!.slice(districtType.length + 1) : null, remainder: lower.startsWith('phần còn lại') };
    });
}

const KEPT = 'giữ nguyên';

export interface CrosswalkInput {
  /** File names, for messages. */
  files: { merges: string; decisions: string };
  merges: MergeRow[];
  formerUnits: FormerUnitRow[];
  communes: NewCommune[];
  decisions?: CrosswalkDecision[];
}

export function deriveCrosswalk(input: CrosswalkInput): DerivedCrosswalk {
  const problems: Problem[] = [];
  const report = (kind: ProblemKind, file: string, line: number | null, subject: string, vi: string, en: string, oldCode?: string) =>
    problems.push({ kind, file, line, subject, vi, en, ...(oldCode ? { oldCode } : {}) });
  const mergesFile = input.files.merges;

  const former = new Map(input.formerUnits.map((u) => [u.code, u]));
  const oldCommunes = input.formerUnits.filter((u) => u.level === 'commune');
  const byName = new Map<string, FormerUnitRow[]>();
  for (const u of oldCommunes) byName.set(key(u.name), [...(byName.get(key(u.name)) ?? []), u]);
  const districtName = (code: string) => former.get(code)?.name ?? code;
  const communes = new Map(input.communes.map((c) => [c.code, c]));

  const decisions = new Map<string, CrosswalkDecision>();
  const invalidDecisions: [CrosswalkDecision, string, string][] = [];
  for (const d of input.decisions ?? []) {
    if (former.get(d.old_commune_code)?.level !== 'commune') invalidDecisions.push([d, `mã xã cũ "${d.old_commune_code}" không có trong danh mục 2024`, `old commune code "${d.old_commune_code}" is not in the 2024 lists`]);
    else if (d.new_commune_code !== '' && !communes.has(d.new_commune_code)) invalidDecisions.push([d, `mã xã mới "${d.new_commune_code}" không có trên bản đồ 2025`, `new commune code "${d.new_commune_code}" is not on the 2025 map`]);
    else if (d.reason.trim() === '') invalidDecisions.push([d, 'thiếu lý do (cột reason)', 'the reason (column reason) is missing']);
    else decisions.set(d.old_commune_code, d);
  }
  // The list's names that decisions account for, by the row's new commune; each must meet an unmatched name of that row.
  const listNameKey = (newCode: string, text: string) => `${newCode}|${key(text)}`;
  const accountedFor = new Map<string, CrosswalkDecision[]>();
  for (const d of decisions.values())
    if (d.merge_list_name) {
      const k = listNameKey(d.new_commune_code, d.merge_list_name);
      accountedFor.set(k, [...(accountedFor.get(k) ?? []), d]);
    }
  const metListNames = new Set<string>();

  /** Where each old commune went: the new communes, with the line and whether that is only a remainder. */
  const appearances = new Map<string, { newCode: string; line: number; remainder: boolean }[]>();
  const listed = new Set<string>();

  for (const row of input.merges) {
    const newCode = row.new_commune_code.trim();
    listed.add(newCode);
    const commune = communes.get(newCode);
    if (!commune) {
      report('new_not_on_map', mergesFile, row.line, newCode, `xã mới ${newCode} (${row.new_commune_full_name}) không có trên bản đồ 2025`, `new commune ${newCode} (${row.new_commune_full_name}) is not on the 2025 map`);
      continue;
    }
    if (key(row.new_commune_full_name) !== key(commune.full_name))
      report('new_name_differs', mergesFile, row.line, newCode, `danh sách ghi "${row.new_commune_full_name}", bản đồ ghi "${commune.full_name}"`, `the list says "${row.new_commune_full_name}", the map "${commune.full_name}"`);
    // The old commune whose code the new one kept: its district is where unqualified names are looked for first.
    const home = former.get(newCode)?.parent_code ?? null;
    const place = (old: FormerUnitRow, remainder: boolean) =>
      appearances.set(old.code, [...(appearances.get(old.code) ?? []), { newCode, line: row.line, remainder }]);

    if (key(row.formed_from) === KEPT) {
      const same = former.get(newCode);
      if (same && same.level === 'commune') place(same, false);
      else
        report('unmatched', mergesFile, row.line, row.new_commune_full_name, `"giữ nguyên" nhưng không có xã cũ mã ${newCode}`, `"kept as it was" but no old commune has code ${newCode}`);
      continue;
    }
    for (const item of items(row.formed_from)) {
      if ('unreadable' in item) {
        report('unreadable', mergesFile, row.line, item.unreadable, `không đọc được "${item.unreadable}" (cần dạng "Xã Tên (huyện …)")`, `cannot read "${item.unreadable}" (expected "Xã Name (huyện …)")`);
        continue;
      }
      const named = byName.get(key(item.name)) ?? [];
      const ofType = item.type ? named.filter((u) => key(u.type) === key(item.type!)) : named;
      const inDistrict = item.district ? ofType.filter((u) => key(districtName(u.parent_code)) === key(item.district!)) : ofType;
      const candidates = inDistrict.length > 1 && !item.district ? inDistrict.filter((u) => u.parent_code === home) : inDistrict;
      if (candidates.length === 1) {
        place(candidates[0]!, item.remainder);
        continue;
      }
      if (accountedFor.has(listNameKey(newCode, item.text))) {
        metListNames.add(listNameKey(newCode, item.text));
        continue;
      }
      const listing = (list: FormerUnitRow[]) => list.map((u) => `${u.code} ${u.type} ${u.name} (${districtName(u.parent_code)})`).join('; ');
      if (inDistrict.length > 1)
        report('ambiguous', mergesFile, row.line, item.text, `"${item.text}" khớp nhiều xã cũ: ${listing(inDistrict)}; ghi rõ huyện trong ngoặc`, `"${item.text}" fits several old communes: ${listing(inDistrict)}; name the district in brackets`);
      else if (named.length > 0)
        report('unmatched', mergesFile, row.line, item.text, `"${item.text}" không khớp loại hoặc huyện của xã cũ cùng tên: ${listing(named)}`, `"${item.text}" does not fit the type or district of the old communes of that name: ${listing(named)}`);
      else report('unmatched', mergesFile, row.line, item.text, `"${item.text}" không có trong danh mục đơn vị 2024`, `"${item.text}" is not in the 2024 unit lists`);
    }
  }
  for (const c of input.communes)
    if (!listed.has(c.code)) report('new_not_listed', mergesFile, null, c.code, `xã mới ${c.code} ${c.full_name} không có dòng nào trong danh sách sáp nhập`, `new commune ${c.code} ${c.full_name} has no row in the merge list`);

  for (const [d, vi, en] of invalidDecisions) report('decision_invalid', input.files.decisions, d.line, d.old_commune_code, vi, en);
  for (const [k, ds] of accountedFor)
    if (!metListNames.has(k))
      for (const d of ds)
        report(
          'decision_invalid',
          input.files.decisions,
          d.line,
          d.old_commune_code,
          `"${d.merge_list_name}" không phải tên chưa khớp nào trong dòng của xã mới ${d.new_commune_code || '(trống)'} trong ${mergesFile}`,
          `"${d.merge_list_name}" is no unmatched name of the row of new commune ${d.new_commune_code || '(empty)'} in ${mergesFile}`,
        );

  const rows: DerivedRow[] = [];
  const splits = new Map<string, string[]>();
  for (const old of oldCommunes) {
    const seen = appearances.get(old.code) ?? [];
    const decision = decisions.get(old.code);
    const newCodes = [...new Set(seen.map((s) => s.newCode))];
    const name = (code: string) => communes.get(code)!.name;
    const row = (newCode: string, basis: string) =>
      rows.push({ oldCode: old.code, oldName: old.name, oldDistrictCode: old.parent_code, newCode, newName: name(newCode), basis });
    const lines = seen.map((s) => s.line).join(', ');
    // Split: the new commune that kept its code, else the one (only one) that kept its name.
    const keptName = newCodes.filter((c) => key(name(c)) === key(old.name));
    const keeper = newCodes.length === 1 ? newCodes[0] : (newCodes.find((c) => c === old.code) ?? (keptName.length === 1 ? keptName[0] : undefined));
    if (keeper) {
      if (decision)
        report('decision_invalid', input.files.decisions, decision.line, old.code, `danh sách sáp nhập đã xếp xã cũ ${old.code} ${old.name} vào ${keeper}; bỏ quyết định này`, `the merge list places old commune ${old.code} ${old.name} in ${keeper}; drop this decision`);
      if (newCodes.length === 1) {
        row(keeper, `${mergesFile} dòng ${lines}`);
        continue;
      }
      const others = seen.filter((s) => s.newCode !== keeper).map((s) => `${s.newCode} ${name(s.newCode)}${s.remainder ? ' (phần còn lại)' : ''}`);
      splits.set(old.code, [keeper, ...new Set(seen.filter((s) => s.newCode !== keeper).map((s) => s.newCode))]);
      row(keeper, `${mergesFile} dòng ${lines}; tách: phần khác vào ${others.join(', ')}; đặt vào xã ${keeper === old.code ? 'giữ mã' : 'giữ tên'}`);
      continue;
    }
    if (decision) {
      if (newCodes.length > 1) splits.set(old.code, decision.new_commune_code ? [decision.new_commune_code, ...newCodes.filter((c) => c !== decision.new_commune_code)] : newCodes);
      if (decision.new_commune_code !== '') row(decision.new_commune_code, `${input.files.decisions} dòng ${decision.line}: ${decision.reason}`);
      continue;
    }
    const where = `${old.code} ${old.type} ${old.name} (${districtName(old.parent_code)})`;
    if (newCodes.length > 1) {
      const into = newCodes.map((c) => `${c} ${name(c)}`).join(', ');
      report(
        'split_unresolved',
        mergesFile,
        seen[0]!.line,
        `${old.code} ${old.name}`,
        `xã cũ ${where} bị tách vào ${into} (dòng ${lines}); không xã nào giữ mã hay tên của nó: cần quyết định trong ${input.files.decisions}`,
        `old commune ${where} was split into ${into} (lines ${lines}); none kept its code or name: a decision is needed in ${input.files.decisions}`,
        old.code,
      );
    } else
      report(
        'not_listed',
        mergesFile,
        null,
        `${old.code} ${old.name}`,
        `xã cũ ${where} không có trong danh sách sáp nhập: cần quyết định trong ${input.files.decisions}`,
        `old commune ${where} is named by no row of the merge list: a decision is needed in ${input.files.decisions}`,
        old.code,
      );
  }
  return { rows, problems, splits };
}

/** The pack's crosswalk file from derived rows: area shares are unknown (empty), the basis says why. */
export function derivedCrosswalkCsv(rows: DerivedRow[]): string {
  const lines = rows.map((r) => csvLine([r.oldCode, r.oldName, r.oldDistrictCode, r.newCode, r.newName, '', r.basis]));
  return ['old_commune_code,old_commune_name,old_district_code,new_commune_code,new_commune_name,area_share,basis', ...lines].join('\n') + '\n';
}
