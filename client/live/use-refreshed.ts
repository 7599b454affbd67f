/**
 * React hooks for answers read over HTTP and read again whenever a batch lands (each landing
 * moves the data freshness the live connection pushes) and after a reconnect. For answers the
 * server does not keep live per view (data quality, surveillance, breakdowns).
 */
import { useContext, useEffect, useState } from 'react';
import { LiveContext } from './use-live-view.ts';

/** The answer `read` gives for `key` (which names all it depends on), kept current; null: nothing to read. */
export function useReloaded<T>(key: string | null, read: (key: string) => Promise<T>): T | undefined {
  const live = useContext(LiveContext);
  const [held, setHeld] = useState<{ key: string; answer: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const load = () =>
      read(key).then(
        (answer) => current && setHeld({ key, answer }),
        // A failed read keeps what is shown; the next landing or reconnect tries again.
        () => undefined,
      );
    void load();
    const stop = live?.listen({ freshness: () => void load(), connection: (state) => state === 'connected' && void load() });
    return () => {
      current = false;
      stop?.();
    };
    // The key holds everything the read depends on.
  }, [live, key]);
  return held?.key === key ? held.answer : undefined;
}

/** A GET of `path` with the request as its query. */
export function useRefreshed<T>(path: string, request: object | null): T | undefined {
  const key = request ? new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString() : null;
  return useReloaded(key, (query) => getJson<T>(`${path}?${query}`));
}

export const getJson = <T,>(url: string): Promise<T> => fetch(url).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`${url}: ${r.status}`))));
