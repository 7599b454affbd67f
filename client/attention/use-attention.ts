/** A React hook: the attention list, read once and then as the server pushes it (and again after a reconnect). */
import { useContext, useEffect, useState } from 'react';
import type { AttentionAnswer } from '../../data/schema/attention.ts';
import { LiveContext } from '../live/use-live-view.ts';

export function useAttention(): AttentionAnswer | undefined {
  const live = useContext(LiveContext);
  const [answer, setAnswer] = useState<AttentionAnswer>();
  useEffect(() => {
    let current = true;
    const load = () =>
      fetch('/api/attention')
        .then((r) => (r.ok ? (r.json() as Promise<AttentionAnswer>) : Promise.reject(new Error(String(r.status)))))
        // A failed fetch keeps what is shown; the next push or reconnect brings it.
        .then((a) => current && setAnswer(a), () => undefined);
    void load();
    const stop = live?.listen({ attention: (a) => current && setAnswer(a), connection: (state) => state === 'connected' && void load() });
    return () => {
      current = false;
      stop?.();
    };
  }, [live]);
  return answer;
}
