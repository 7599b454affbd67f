export { catalogues, type Language, type MessageKey } from './messages.ts';
export { translate, type Params } from './translate.ts';
export { LanguageContext, useT } from './use-t.ts';
