/**
 * A React hook: an answer read over HTTP and read again whenever a batch lands (each landing
 * moves the data freshness the live connection pushes) and after a reconnect. For answers the
 * server does not keep live per view (data quality, surveillance).
 */
import { useContext, useEffect, useState } from 'react';
import { LiveContext } from './use-live-view.ts';

export function useRefreshed<T>(path: string, request: object | null): T | undefined {
  const live = useContext(LiveContext);
  const key = request ? new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString() : null;
  const [held, setHeld] = useState<{ key: string; answer: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const load = () =>
      fetch(`${path}?${key}`)
        .then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(String(r.status)))))
        // A failed fetch keeps what is shown; the next landing or reconnect tries again.
        .then((answer) => current && setHeld({ key, answer }), () => undefined);
    void load();
    const stop = live?.listen({ freshness: () => void load(), connection: (state) => state === 'connected' && void load() });
    return () => {
      current = false;
      stop?.();
    };
  }, [live, path, key]);
  return held?.key === key ? held.answer : undefined;
}
