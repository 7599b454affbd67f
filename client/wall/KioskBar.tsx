/**
 * The wall's bottom line: the latest arrivals ("vừa cập nhật": which reporter, which indicator,
 * when) and, while scenes rotate, which scene is on and how long until the next.
 */
import { useEffect, useState } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { FreshnessMessage } from '../../data/schema/live.ts';
import { GRAINS, periodWords, type Grain } from '../../data/schema/period.ts';
import { useT, type MessageKey } from '../i18n/index.ts';

/** Arrivals shown at once; the line must hold them at 1920 wide. */
const SHOWN = 3;

export function KioskBar(props: {
  freshness: FreshnessMessage | null;
  indicators: Map<string, Indicator>;
  timeZone: string;
  scenes: MessageKey[];
  current: number;
  dueAt: number | null;
}) {
  const { t, language } = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { timeZone: props.timeZone, hour: '2-digit', minute: '2-digit' });
  const arrivals = (props.freshness?.arrivals ?? []).slice(0, SHOWN);
  return (
    <footer className="kiosk-bar" data-testid="kiosk-bar">
      <p className="arrivals" data-testid="arrivals">
        <strong>{t('arrivals.title')}</strong>
        {arrivals.length === 0 && <span>{t('arrivals.none')}</span>}
        {arrivals.map((a, i) => (
          <span key={i} className="arrival">
            {time(a.at)} · {a.reporter} · {props.indicators.get(a.indicator)?.short_name[language] ?? a.indicator}
            {GRAINS.includes(a.period.grain as Grain) && ` (${periodWords({ grain: a.period.grain as Grain, start: a.period.start }, language)})`}
            {a.more > 0 && ` ${t('arrivals.more', { count: a.more })}`}
            {a.demo && <span className="demo-tag"> {t('wall.demo')}</span>}
          </span>
        ))}
      </p>
      {props.dueAt !== null && (
        <p className="rotation" data-testid="rotation">
          {t('rotation.position', { n: props.current + 1, count: props.scenes.length })}{' '}
          <span className="countdown" data-testid="countdown">
            {t('rotation.next', { scene: t(props.scenes[(props.current + 1) % props.scenes.length]!), seconds: Math.max(0, Math.ceil((props.dueAt - now) / 1000)) })}
          </span>
        </p>
      )}
    </footer>
  );
}
