/** A period written as the data writes it (2026-11, 2026-11-14, 2024-H1) in words for the reader ("Tháng 11/2026"); as it is when it is not a period. Pure. */
import { parsePeriod, periodWords } from '../../data/schema/period.ts';
import type { Language } from '../i18n/index.ts';

export function periodText(text: string, language: Language): string {
  const period = parsePeriod(text);
  return 'error' in period ? text : periodWords(period, language);
}
