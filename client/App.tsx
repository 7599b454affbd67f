import { useEffect, useState } from 'react';
import { FACILITY_KINDS, type Pack } from '../data/schema/pack.ts';
import { translate, type Language, type MessageKey, type Params } from './i18n/index.ts';

type PackSummary = Omit<Pack, 'crosswalk' | 'formerUnits'>;

export function App() {
  const [language, setLanguage] = useState<Language>('vi');
  const [pack, setPack] = useState<PackSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = (key: MessageKey, params?: Params) => translate(language, key, params);

  useEffect(() => {
    fetch('/api/pack')
      .then((res) => (res.ok ? (res.json() as Promise<PackSummary>) : Promise.reject(new Error(res.statusText))))
      .then(setPack, (err: Error) => setError(err.message));
  }, []);

  return (
    <>
      <header>
        <h1>{t('app.title')}</h1>
        {pack && <span className="province">{pack.name[language]}</span>}
        <button onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>{t('language.switch')}</button>
      </header>
      <main>
        {error && <p role="alert">{t('app.loadFailed', { reason: error })}</p>}
        {!pack && !error && <p>{t('app.loading')}</p>}
        {pack && (
          <>
            <p>{pack.description[language]}</p>
            <ul data-testid="pack-summary">
              <li>{t('pack.units', { count: pack.units.length })}</li>
              <li>{t('pack.facilities', { count: pack.facilities.length })}</li>
              {FACILITY_KINDS.map((kind) => {
                const count = pack.facilities.filter((f) => f.kind === kind).length;
                return count > 0 && <li key={kind}>{t(`facility.kind.${kind}`)}: {count}</li>;
              })}
            </ul>
          </>
        )}
      </main>
    </>
  );
}
