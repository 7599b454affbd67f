/** The wall's header: province, date and time, how fresh the data is, and the connection. */
import { useEffect, useState } from 'react';
import type { FreshnessMessage } from '../../data/schema/live.ts';
import type { ConnectionState } from '../live/live-client.ts';
import { useT } from '../i18n/index.ts';

export function WallHeader(props: { province: string; timeZone: string; freshness: FreshnessMessage | null; connection: ConnectionState; onLanguage(): void }) {
  const { t, language } = useT();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const when = (d: Date) => d.toLocaleString(locale, { timeZone: props.timeZone, dateStyle: 'full', timeStyle: 'medium' });
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
      <span className={`connection connection-${props.connection}`} data-testid="connection">
        {t(`wall.${props.connection}`)}
      </span>
      <button onClick={props.onLanguage}>{t('language.switch')}</button>
    </header>
  );
}
