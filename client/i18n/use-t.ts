/** The language in force and a translator bound to it, for components. */
import { createContext, useContext } from 'react';
import { translate, type Params } from './translate.ts';
import type { Language, MessageKey } from './messages.ts';

export const LanguageContext = createContext<Language>('vi');

export function useT() {
  const language = useContext(LanguageContext);
  return { language, t: (key: MessageKey, params?: Params) => translate(language, key, params) };
}
