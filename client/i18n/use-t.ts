/** The language in force and a translator bound to it, for components. */
import { createContext, useCallback, useContext } from 'react';
import { translate, type Params } from './translate.ts';
import type { Language, MessageKey } from './messages.ts';

export const LanguageContext = createContext<Language>('vi');

export function useT() {
  const language = useContext(LanguageContext);
  // The same function while the language stays: effects that draw with it (maps, charts) must not redraw on every render.
  const t = useCallback((key: MessageKey, params?: Params) => translate(language, key, params), [language]);
  return { language, t };
}
