/**
 * A source document's citation in the reader's language: its number stays as the document wrote
 * it (BC-SYT-NT-2024H1), the words around it are translated ("Bảng 2" → "Table 2"). Pure.
 */
import type { Language } from '../i18n/index.ts';

export function citation(source: string, language: Language): string {
  return language === 'vi' ? source : source.replace(/\bBảng (\d+)/g, 'Table $1').replace(/\bPhụ lục (\w+)/g, 'Annex $1');
}
