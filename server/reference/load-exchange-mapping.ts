/**
 * Reads a pack's DHIS2/ADX mapping (data/packs/<id>/dhis2-mapping.yaml) and checks it against the
 * catalogue and the pack. A fault names the file, the line and entry, and the field, in
 * Vietnamese and English, and stops the start: a wrong mapping would land figures in the wrong
 * place. A pack without the file takes no DHIS2 or ADX files (null).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { mappingFileSchema, resolveMapping, type ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import type { Catalogue } from '../../data/schema/indicator.ts';
import type { Pack } from '../../data/schema/pack.ts';

export const exchangeMappingFile = (packDir: string) => join(packDir, 'dhis2-mapping.yaml');

export function loadExchangeMapping(file: string, catalogue: Catalogue, pack: Pack): ExchangeMapping | null {
  if (!existsSync(file)) return null;
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const stop = (faults: string[]): never => {
    throw new Error(`bảng ánh xạ DHIS2 không dùng được / the DHIS2 mapping cannot be used:\n  ${faults.join('\n  ')}`);
  };
  if (document.errors.length > 0) stop(document.errors.map((e) => `${file}: YAML không đọc được / YAML cannot be read: ${e.message}`));
  const where = (path: (string | number)[]) => {
    const entry = path.slice(0, 2);
    const node = document.getIn(entry, true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : '?';
    const field = path.slice(2).join('.') || '(mục / entry)';
    const index = typeof path[1] === 'number' ? path[1] + 1 : '?';
    return { vi: `${file}, dòng ${line}, ${path[0]} mục ${index}, trường ${field}`, en: `${file}, line ${line}, ${String(path[0])} entry ${index}, field ${field}` };
  };
  const parsed = mappingFileSchema.safeParse(document.toJS());
  if (!parsed.success)
    return stop(
      parsed.error.issues.map((issue) => {
        const at = where(issue.path as (string | number)[]);
        return `${at.vi}: giá trị không hợp lệ (${issue.message}) / ${at.en}: ${issue.message}`;
      }),
    );
  const { mapping, faults } = resolveMapping(file, parsed.data, catalogue, pack);
  if (!mapping)
    return stop(
      faults.map((f) => {
        const at = where(f.path);
        return `${at.vi}: ${f.vi} / ${at.en}: ${f.en}`;
      }),
    );
  return mapping;
}
