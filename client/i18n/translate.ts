import { catalogues, type Language, type MessageKey } from './messages.ts';

export type Params = Record<string, string | number>;

/** Looks a message up and fills its {placeholders}; numbers are written the Vietnamese or English way. */
export function translate(language: Language, key: MessageKey, params: Params = {}): string {
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}
