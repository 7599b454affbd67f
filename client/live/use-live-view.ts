/** A React hook: the live answer of a view, kept current by the shared LiveClient. */
import { createContext, useContext, useEffect, useState } from 'react';
import { viewKey } from '../../data/schema/live.ts';
import type { View } from '../../data/schema/view.ts';
import type { HeldView } from './apply-view-message.ts';
import type { LiveClient } from './live-client.ts';

export const LiveContext = createContext<LiveClient | null>(null);

export function useLiveView(view: View | null): HeldView | undefined {
  const live = useContext(LiveContext);
  const key = view ? viewKey(view) : null;
  const [held, setHeld] = useState<HeldView | undefined>(() => (live && key ? live.current(key) : undefined));
  useEffect(() => {
    if (!live || !view || !key) return;
    setHeld(live.current(key));
    const stop = live.listen({ view: (k, next) => k === key && setHeld(next) });
    live.subscribe(view);
    return () => {
      stop();
      live.unsubscribe(key);
    };
    // The key stands for the view: re-subscribe only when it changes.
  }, [live, key]);
  return held;
}
