/** The wall's header: province, date and time, how fresh the data is, the connection, and (not in kiosk mode) exports and language. */
import { useEffect, useState } from 'react';
import type { FreshnessMessage } from '../../data/schema/live.ts';
import type { ConnectionState } from '../live/live-client.ts';
import { useT } from '../i18n/index.ts';
import { PRINTING } from '../print/printing.ts';

/** The server renders the screen as it is now (its URL holds the view) into a file. */
const exportUrl = (format: 'png' | 'pdf') => `/api/export?${new URLSearchParams({ page: location.pathname + location.search, format })}`;

export function WallHeader(props: { province: string; timeZone: string; freshness: FreshnessMessage | null; connection: ConnectionState; kiosk: boolean; onLanguage(): void }) {
  const { t, language } = useT();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  // One line at the wall's size: weekday, date and time to the minute.
  const when = (d: Date) =>
    `${d.toLocaleDateString(locale, { timeZone: props.timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' })} · ${d.toLocaleTimeString(locale, { timeZone: props.timeZone, hour: '2-digit', minute: '2-digit' })}`;
  const last = props.freshness?.lastBatchAt ? new Date(props.freshness.lastBatchAt) : null;
  return (
    <header className="wall-header">
      <h1>
        {t('app.title')} <span className="province">{props.province}</span>
      </h1>
      <time className="clock">{when(now)}</time>
      <span className="freshness" data-testid="freshness">
        {last ? t('wall.dataAsOf', { time: last.toLocaleString(locale, { timeZone: props.timeZone, dateStyle: 'short', timeStyle: 'short' }) }) : t('wall.noData')}
      </span>
      {!PRINTING && (
        <span className={`connection connection-${props.connection}`} data-testid="connection">
            {t(`wall.${props.connection}`)}
          </span>
      )}
      {/* The unattended display has no one to press buttons: it shows figures only. */}
      {!PRINTING && !props.kiosk && (
        <>
          <span className="export" title={t('export.title')}>
            {/^\/(explore)?$/.test(location.pathname) && (
              <>
                <a href={exportUrl('png')} data-testid="export-png">
                  {t('export.png')}
                </a>
                <a href={exportUrl('pdf')} data-testid="export-pdf">
                  {t('export.pdf')}
                </a>
              </>
            )}
            <a href="/briefings">{t('briefings.title')}</a>
          </span>
          {/* Each language is named in itself. */}
          <button onClick={props.onLanguage} lang={language === 'vi' ? 'en' : 'vi'}>
            {t('language.switch')}
          </button>
        </>
      )}
    </header>
  );
}
