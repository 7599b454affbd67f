/**
 * A React hook: the data-quality answer for a request, fetched again whenever a batch lands
 * (each landing moves the data freshness the live connection pushes) and after a reconnect.
 */
import { useContext, useEffect, useState } from 'react';
import type { QualityAnswer, QualityRequest } from '../../data/schema/quality.ts';
import { LiveContext } from '../live/use-live-view.ts';

export function useQuality(request: QualityRequest | null): QualityAnswer | undefined {
  const live = useContext(LiveContext);
  const key = request ? new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined) as [string, string][]).toString() : null;
  const [held, setHeld] = useState<{ key: string; answer: QualityAnswer } | null>(null);
  useEffect(() => {
    if (!key) return;
    let current = true;
    const load = () =>
      fetch(`/api/quality?${key}`)
        .then((r) => (r.ok ? (r.json() as Promise<QualityAnswer>) : Promise.reject(new Error(String(r.status)))))
        // A failed fetch keeps what is shown; the next landing or reconnect tries again.
        .then((answer) => current && setHeld({ key, answer }), () => undefined);
    void load();
    const stop = live?.listen({ freshness: () => void load(), connection: (state) => state === 'connected' && void load() });
    return () => {
      current = false;
      stop?.();
    };
  }, [live, key]);
  return held?.key === key ? held.answer : undefined;
}
