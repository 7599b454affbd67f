/**
 * What a printed page must say about its figures: the unit, the period, the day the figures run
 * to ("số liệu đến ngày …"), their sources named as documents ("BC-SYT-NT-2024H1 Bảng 2"; demo figures
 * as "Dữ liệu demo (sinh tự động)"), and a demo mark when any is demo data.
 */
import { useEffect, useState } from 'react';
import type { FigureSources } from '../../data/schema/briefing.ts';
import { periodText } from '../format/period-text.ts';
import { useT } from '../i18n/index.ts';

/** `period`: one period as the data writes it (2026-11), or a span of two; written in words on the page. */
export function PrintBand(props: { unit: { code: string; name: string }; period: string | [string, string]; indicators: string[]; from: string; to: string }) {
  const { t, language } = useT();
  const [sources, setSources] = useState<FigureSources | null>(null);
  const query = new URLSearchParams({ indicators: props.indicators.join(','), from: props.from, to: props.to, unit: props.unit.code }).toString();
  useEffect(() => {
    let current = true;
    void fetch(`/api/sources?${query}`)
      .then((r) => (r.ok ? (r.json() as Promise<FigureSources>) : Promise.reject(new Error(String(r.status)))))
      .then((s) => current && setSources(s));
    return () => {
      current = false;
    };
  }, [query]);
  const day = sources?.lastReported ? new Date(`${sources.lastReported}T00:00:00Z`).toLocaleDateString(language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC' }) : null;
  return (
    <footer className="print-band" data-testid="print-band" data-ready={sources ? 'yes' : 'no'}>
      <span>{t('print.unit', { unit: props.unit.name })}</span>
      <span>{t('print.period', { period: (typeof props.period === 'string' ? [props.period] : props.period).map((p) => periodText(p, language)).join(' – ') })}</span>
      <span>{day ? t('print.dataAsOf', { date: day }) : t('wall.noData')}</span>
      <span className="sources">
        {sources && sources.sources.length > 0 ? t('print.sources', { sources: sources.sources.map((s) => s.document ?? t('print.demoSource')).join('; ') }) : t('print.noSources')}
      </span>
      {sources?.sources.some((s) => s.demo) && <span className="demo-badge">{t('wall.demo')}</span>}
    </footer>
  );
}
