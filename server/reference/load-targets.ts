/**
 * Targets belong to the documents that set them: the nation's (decisions and circulars of the
 * Ministry of Health) in data/catalogue/targets.yaml, for every pack; a province's own plans in
 * data/packs/<id>/targets.yaml, for that pack only. Both are read into the catalogue's indicators
 * when the wall opens with its pack, so the guide lists only the documents that apply here.
 *
 * A fault names the file, the line and entry, and the field, in Vietnamese and English, and stops
 * the start: a provincial plan put in the national file would otherwise judge every province.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { targetsFileSchema, type Catalogue, type TargetsFile } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';

type FileTarget = TargetsFile['targets'][number];

/**
 * Who issued a document, from its number's suffix ("5316/QĐ-BYT" → BYT, "46/2018/TT-BYT" → BYT,
 * "3648/KH-UBND" → UBND); null where the source gives no such number (a report's own code).
 */
export function issuerOf(source: string): string | null {
  return /\d+(?:\/\d{4})?\/[\p{Lu}Đ]+-([\p{L}\d]+)/u.exec(source)?.[1] ?? null;
}

/** Issuers whose targets bind every province: the Ministry of Health, the Prime Minister, the Government. */
const NATIONAL_ISSUERS = new Set(['BYT', 'TTg', 'CP']);

interface Located {
  targets: FileTarget[];
  /** "targets.yaml, dòng 12 (mục 3), trường scope" and its English, for entry i (0-based) and a field. */
  where(i: number, field: string): { vi: string; en: string };
}

function readTargets(file: string, errors: string[]): Located {
  const none = { targets: [], where: () => ({ vi: file, en: file }) };
  if (!existsSync(file)) return none;
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  if (document.errors.length > 0) {
    errors.push(...document.errors.map((e) => `${file}: YAML không đọc được / YAML cannot be read: ${e.message}`));
    return none;
  }
  const where = (i: number, field: string) => {
    const node = document.getIn(['targets', i], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : '?';
    return { vi: `${file}, dòng ${line} (mục ${i + 1}), trường ${field}`, en: `${file}, line ${line} (entry ${i + 1}), field ${field}` };
  };
  const result = targetsFileSchema.safeParse(document.toJS());
  if (result.success) return { targets: result.data.targets, where };
  for (const issue of result.error.issues) {
    const [, index, ...field] = issue.path;
    const at = typeof index === 'number' ? where(index, field.join('.') || '(mục)') : { vi: file, en: file };
    errors.push(`${at.vi}: giá trị không hợp lệ (${issue.message}) / ${at.en}: ${issue.message}`);
  }
  return none;
}

/** The national targets file beside the catalogue, and a pack's own. */
export const targetFiles = (catalogueFile: string, packDir: string) => ({
  national: join(catalogueFile, '..', 'targets.yaml'),
  provincial: join(packDir, 'targets.yaml'),
});

/** Sets each indicator's targets from the two files; a fault in either stops the start with all of them listed. */
export function loadTargetsInto(catalogue: Catalogue, pack: Pack, files: { national: string; provincial: string }): void {
  const errors: string[] = [];
  const national = readTargets(files.national, errors);
  const provincial = readTargets(files.provincial, errors);
  const codes = new Set(catalogue.indicators.map((i) => i.code));
  const units = new Set(pack.units.map((u) => u.code));
  const fault = (at: { vi: string; en: string }, vi: string, en: string) => errors.push(`${at.vi}: ${vi} / ${at.en}: ${en}`);
  national.targets.forEach((t, i) => {
    if (!('nation' in t.scope))
      fault(
        national.where(i, 'scope'),
        `tệp chỉ tiêu quốc gia chỉ nhận phạm vi { nation: true }; chỉ tiêu của tỉnh (${Object.keys(t.scope)[0]}) thuộc kế hoạch của tỉnh, đặt trong data/packs/<id>/targets.yaml`,
        `the national targets file takes scope { nation: true } only; a province's target (${Object.keys(t.scope)[0]}) belongs to its plan, in data/packs/<id>/targets.yaml`,
      );
    const issuer = issuerOf(t.source);
    if (issuer === null || !NATIONAL_ISSUERS.has(issuer))
      fault(
        national.where(i, 'source'),
        `chỉ tiêu quốc gia phải trích văn bản của Bộ Y tế, Thủ tướng hoặc Chính phủ (…/QĐ-BYT, …/TT-BYT, …/QĐ-TTg, …/NĐ-CP); "${t.source}" ${issuer ? `do ${issuer} ban hành` : 'không có số hiệu văn bản'}`,
        `a national target must cite a document of the Ministry of Health, the Prime Minister or the Government (…/QĐ-BYT, …/TT-BYT, …/QĐ-TTg, …/NĐ-CP); "${t.source}" ${issuer ? `is issued by ${issuer}` : 'has no document number'}`,
      );
  });
  provincial.targets.forEach((t, i) => {
    if ('nation' in t.scope)
      fault(
        provincial.where(i, 'scope'),
        'gói tỉnh đặt chỉ tiêu cho tỉnh, một loại cơ sở hoặc một đơn vị; chỉ tiêu quốc gia đặt trong data/catalogue/targets.yaml',
        'a pack sets province, facility-kind or unit targets, not national ones (those are in data/catalogue/targets.yaml)',
      );
    if ('unit' in t.scope && !units.has(t.scope.unit))
      fault(provincial.where(i, 'scope.unit'), `đơn vị "${t.scope.unit}" không thuộc gói ${pack.id}`, `unit "${t.scope.unit}" is not a unit of pack ${pack.id}`);
  });
  for (const file of [national, provincial])
    file.targets.forEach((t, i) => {
      if (!codes.has(t.indicator)) fault(file.where(i, 'indicator'), `không có chỉ số "${t.indicator}" trong danh mục`, `no indicator "${t.indicator}" in the catalogue`);
    });
  if (errors.length > 0) throw new Error(`chỉ tiêu không khớp danh mục và gói ${pack.id} / targets do not fit the catalogue and pack ${pack.id}:\n  ${errors.join('\n  ')}`);
  for (const indicator of catalogue.indicators)
    indicator.targets = [...national.targets, ...provincial.targets]
      .filter((t) => t.indicator === indicator.code)
      .map(({ indicator: _code, ...t }) => t);
}
