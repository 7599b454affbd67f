/**
 * A source document's citation in the reader's language: its number stays as the document wrote
 * it (BC-SYT-NT-2024H1), the words around it are translated ("Bảng 2" → "Table 2"). Pure.
 */
import type { Language } from '../i18n/index.ts';

export function citation(source: string, language: Language): string {
  return language === 'vi' ? source : source.replace(/\bBảng (\d+)/g, 'Table $1').replace(/\bPhụ lục (\w+)/g, 'Annex $1');
}

/**
 * A target's document by its number alone, for a label with no room for its date and words:
 * "QĐ 5316/QĐ-BYT ngày 22/12/2020 (…)" → "QĐ 5316/QĐ-BYT", "BC-SYT-NT-2024H1 mục II.7" → "BC-SYT-NT-2024H1". Pure.
 */
export function documentNumber(source: string): string {
  return /^(?:[A-ZĐ]{2,3} )?[^\s,;()]+/u.exec(source.trim())?.[0] ?? source;
}
