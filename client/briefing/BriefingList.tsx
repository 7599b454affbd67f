/** The weekly briefings the server has made (newest first), with their PDF and the PNG of each scene. */
import { useEffect, useState } from 'react';
import type { BriefingEntry } from '../../data/schema/briefing.ts';
import { useT } from '../i18n/index.ts';

export function BriefingList(props: { timeZone: string }) {
  const { t, language } = useT();
  const [entries, setEntries] = useState<BriefingEntry[] | null>(null);
  useEffect(() => {
    void fetch('/api/briefings')
      .then((r) => (r.ok ? (r.json() as Promise<BriefingEntry[]>) : []))
      .then(setEntries);
  }, []);
  const file = (week: string, name: string) => `/api/briefings/${encodeURIComponent(week)}/${encodeURIComponent(name)}`;
  return (
    <section className="briefings" data-testid="briefings" data-ready={entries ? 'yes' : 'no'}>
      <h2>{t('briefings.title')}</h2>
      {entries?.length === 0 && <p>{t('briefings.none')}</p>}
      <ul>
        {entries?.map((e) => (
          <li key={e.week}>
            <strong>{t('briefings.week', { week: e.week })}</strong>{' '}
            <span className="period">{t('briefings.made', { time: new Date(e.madeAt).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: props.timeZone }) })}</span>
            <a href={file(e.week, e.pdf)}>{e.pdf}</a>
            {e.pngs.map((png) => (
              <a key={png} href={file(e.week, png)}>
                {png}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
